// Scheduled report delivery: per customer, which report goes out monthly or quarterly, in which language and
// format, to whom; managers change schedules and send a closed period at once.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  Table,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import {
  DeleteButton,
  EditButton,
  EmptyState,
  ErrorAlert,
  PageHeader,
  useSubmit,
} from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog } from '../lib/catalog.ts';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { monthsAgo } from '../lib/staff.ts';

type Schedule = Answer<'/api/v1/report-schedules'>['items'][number];
type Cadence = 'month' | 'quarter';
type Format = 'pdf' | 'csv';

export default function ReportSchedules() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const catalog = useCatalog();
  const [customerId, setCustomerId] = useState<string | null>(null);
  const list = useLoad(
    () =>
      unwrap(api.GET('/api/v1/report-schedules', { params: { query: customerId ? { customerId } : {} } })),
    [customerId],
  );
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [sending, setSending] = useState<Schedule | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const name = (id: string): string => catalog.data?.customerName(id) ?? id;
  const add = manage ? <Button onClick={() => setEditing('new')}>{t('schedules.new')}</Button> : null;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('schedules.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error ?? catalog.error} onRetry={list.reload} />
      {sent && (
        <Alert
          color="green"
          mb="md"
          role="status"
          withCloseButton
          onClose={() => setSent(null)}
          closeButtonLabel={t('app.close')}
        >
          {sent}
        </Alert>
      )}
      <Select
        mb="md"
        maw={320}
        clearable
        label={t('schedules.customer')}
        placeholder={t('app.any')}
        data={(catalog.data?.customers ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={customerId}
        onChange={setCustomerId}
      />
      {list.data && items.length === 0 && <EmptyState action={add}>{t('schedules.empty')}</EmptyState>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('schedules.customer')}</Table.Th>
                <Table.Th>{t('schedules.cadence')}</Table.Th>
                <Table.Th>{t('schedules.language')}</Table.Th>
                <Table.Th>{t('schedules.formats')}</Table.Th>
                <Table.Th>{t('schedules.next')}</Table.Th>
                <Table.Th>{t('schedules.last')}</Table.Th>
                {manage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{name(s.customerId)}</Table.Td>
                  <Table.Td>{t(`schedules.cadence.${s.cadence}`)}</Table.Td>
                  <Table.Td>{s.lang ? t(`schedules.lang.${s.lang}`) : t('schedules.lang.customer')}</Table.Td>
                  <Table.Td>{s.formats.map((f) => f.toUpperCase()).join(', ')}</Table.Td>
                  <Table.Td>
                    {s.enabled && s.nextDelivery
                      ? `${s.nextDelivery.period} · ${formatInstant(s.nextDelivery.at, locale)}`
                      : t('schedules.paused')}
                  </Table.Td>
                  <Table.Td>{s.lastPeriod ?? t('app.none')}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`${t('schedules.sendNow')}: ${name(s.customerId)}`}
                          onClick={() => setSending(s)}
                        >
                          {t('schedules.sendNow')}
                        </Button>
                        <EditButton name={name(s.customerId)} onClick={() => setEditing(s)} />
                        <DeleteButton
                          name={name(s.customerId)}
                          onDelete={async () => {
                            await unwrap(
                              api.DELETE('/api/v1/report-schedules/{id}', { params: { path: { id: s.id } } }),
                            );
                            list.reload();
                          }}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <ScheduleForm
          schedule={editing === 'new' ? null : editing}
          customers={(catalog.data?.customers ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onClose={() => setEditing(null)}
          onSaved={list.reload}
        />
      )}
      {sending && (
        <SendNow
          schedule={sending}
          onClose={() => setSending(null)}
          onSent={(text) => {
            setSent(text);
            list.reload();
          }}
        />
      )}
    </>
  );
}

/** A closed period to send now: the last month, or the last quarter for a quarterly schedule. */
function lastClosedPeriod(cadence: Cadence): string {
  const month = monthsAgo(1);
  if (cadence === 'month') return month;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const quarter = Math.ceil(m / 3) - (m % 3 === 0 ? 0 : 1);
  return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
}

function SendNow({
  schedule,
  onClose,
  onSent,
}: {
  readonly schedule: Schedule;
  readonly onClose: () => void;
  readonly onSent: (text: string) => void;
}) {
  const { t } = useI18n();
  const [period, setPeriod] = useState(lastClosedPeriod(schedule.cadence));
  const { busy, error, submit } = useSubmit(async () => {
    const r = await unwrap(
      api.POST('/api/v1/report-schedules/{id}/send-now', {
        params: { path: { id: schedule.id }, query: { period: period.trim() } },
      }),
    );
    onSent(t('schedules.sent', { period: r.period, recipients: String(r.recipients) }));
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('schedules.sendNow')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('schedules.send')}
    >
      <TextInput
        label={t('schedules.period')}
        description={t('schedules.periodHint')}
        required
        value={period}
        onChange={(e) => setPeriod(e.currentTarget.value)}
      />
    </FormModal>
  );
}

function ScheduleForm({
  schedule,
  customers,
  onClose,
  onSaved,
}: {
  readonly schedule: Schedule | null;
  readonly customers: readonly { value: string; label: string }[];
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [customerId, setCustomerId] = useState<string | null>(schedule?.customerId ?? null);
  const [cadence, setCadence] = useState<Cadence>(schedule?.cadence ?? 'month');
  const [lang, setLang] = useState<string>(schedule?.lang ?? '');
  const [formats, setFormats] = useState<Format[]>(schedule?.formats ?? ['pdf']);
  const [reportContacts, setReportContacts] = useState(schedule?.recipients.reportContacts ?? true);
  const [roles, setRoles] = useState<string[]>(schedule?.recipients.contactRoles ?? []);
  const [contactIds, setContactIds] = useState<string[]>(schedule?.recipients.contactIds ?? []);
  const [enabled, setEnabled] = useState(schedule?.enabled ?? true);
  const contacts = useLoad(
    async () =>
      customerId
        ? (await unwrap(api.GET('/api/v1/customers/{id}/contacts', { params: { path: { id: customerId } } })))
            .items
        : [],
    [customerId],
  );
  const { busy, error, submit } = useSubmit(async () => {
    const body = {
      cadence,
      lang: lang === 'de' || lang === 'en' ? (lang as 'de' | 'en') : null,
      formats,
      enabled,
      recipients: {
        reportContacts,
        contactRoles: roles,
        contactIds,
        userIds: schedule?.recipients.userIds ?? [],
      },
    };
    if (schedule)
      await unwrap(
        api.PATCH('/api/v1/report-schedules/{id}', { params: { path: { id: schedule.id } }, body }),
      );
    else
      await unwrap(api.POST('/api/v1/report-schedules', { body: { customerId: customerId ?? '', ...body } }));
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={schedule ? t('schedules.edit') : t('schedules.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={schedule ? t('app.save') : undefined}
    >
      <Select
        label={t('schedules.customer')}
        required
        disabled={schedule !== null}
        data={customers}
        value={customerId}
        onChange={(v) => {
          setCustomerId(v);
          setContactIds([]);
        }}
      />
      <Select
        label={t('schedules.cadence')}
        required
        allowDeselect={false}
        data={(['month', 'quarter'] as const).map((c) => ({ value: c, label: t(`schedules.cadence.${c}`) }))}
        value={cadence}
        onChange={(v) => v && setCadence(v as Cadence)}
      />
      <Select
        label={t('schedules.language')}
        allowDeselect={false}
        data={[
          { value: '', label: t('schedules.lang.customer') },
          { value: 'en', label: t('schedules.lang.en') },
          { value: 'de', label: t('schedules.lang.de') },
        ]}
        value={lang}
        onChange={(v) => setLang(v ?? '')}
      />
      <Checkbox.Group
        label={t('schedules.formats')}
        required
        value={formats}
        onChange={(v) => setFormats(v as Format[])}
      >
        <Group mt={4}>
          <Checkbox value="pdf" label="PDF" />
          <Checkbox value="csv" label="CSV" />
        </Group>
      </Checkbox.Group>
      <Checkbox
        label={t('schedules.reportContacts')}
        checked={reportContacts}
        onChange={(e) => setReportContacts(e.currentTarget.checked)}
      />
      <TagsInput
        label={t('schedules.roles')}
        description={t('schedules.rolesHint')}
        value={roles}
        onChange={setRoles}
      />
      <MultiSelect
        label={t('schedules.contacts')}
        data={(contacts.data ?? []).map((c) => ({
          value: c.id,
          label: c.email ? `${c.name} <${c.email}>` : c.name,
        }))}
        value={contactIds}
        onChange={setContactIds}
      />
      <Checkbox
        label={t('schedules.enabled')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
