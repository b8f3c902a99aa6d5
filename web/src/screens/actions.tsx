// The improvement register: actions with owner, due date, links and the figure they mean to move; closing one
// records whether it helped and shows that figure before and after.
import {
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer, type Body } from '../api/client.ts';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n, type Locale } from '../i18n/i18n.tsx';
import { useCatalog, type Catalog } from '../lib/catalog.ts';
import { formatDate } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { useStaff } from '../lib/staff.ts';
import { Link, navigate, useLocation } from '../router.tsx';

type Action = Answer<'/api/v1/actions'>['items'][number];
type Status = Action['status'];
type Link_ = Action['links'][number];
const STATUSES: readonly Status[] = ['open', 'in_progress', 'done', 'dropped'];
const STATUS_COLOR = { open: 'blue', in_progress: 'cyan', done: 'green', dropped: 'gray' } as const;

function pct(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value * 100)} %`;
}

export default function Actions() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const catalog = useCatalog();
  const staff = useStaff();
  const status = search.get('status');
  const overdue = search.get('overdue') === 'true';
  const review = search.get('review');
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/actions', {
          params: {
            query: {
              ...(status ? { status: status as Status } : {}),
              ...(overdue ? { overdue: 'true' as const } : {}),
              ...(review ? { review } : {}),
            },
          },
        }),
      ),
    [status, overdue, review],
  );
  const filter = (name: string, value: string | null): void => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/actions?${next.toString()}`, { replace: true });
  };
  const [editing, setEditing] = useState<Action | 'new' | null>(null);
  const [closing, setClosing] = useState<Action | null>(null);
  const measure = useSubmit(async (id: string) => {
    await unwrap(api.POST('/api/v1/actions/{id}/measure', { params: { path: { id } } }));
    list.reload();
  });
  const reopen = useSubmit(async (a: Action) => {
    await unwrap(
      api.PATCH('/api/v1/actions/{id}', { params: { path: { id: a.id } }, body: { status: 'open' } }),
    );
    list.reload();
  });
  return (
    <Stack>
      <PageHeader title={t('actions.title')}>
        <Button onClick={() => setEditing('new')}>{t('actions.new')}</Button>
      </PageHeader>
      <Group align="flex-end">
        <Select
          label={t('actions.status')}
          data={[
            { value: '', label: t('app.any') },
            ...STATUSES.map((s) => ({ value: s, label: t(`actions.status.${s}`) })),
          ]}
          value={status ?? ''}
          onChange={(v) => filter('status', v || null)}
          allowDeselect={false}
        />
        <Switch
          label={t('actions.overdueOnly')}
          checked={overdue}
          onChange={(e) => filter('overdue', e.currentTarget.checked ? 'true' : null)}
          mb={6}
        />
      </Group>
      <ErrorAlert error={list.error ?? measure.error ?? reopen.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <EmptyState>{t('actions.none')}</EmptyState>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table fz="sm" striped data-testid="actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('actions.name')}</Table.Th>
                <Table.Th>{t('actions.owner')}</Table.Th>
                <Table.Th>{t('actions.dueDate')}</Table.Th>
                <Table.Th>{t('actions.status')}</Table.Th>
                <Table.Th>{t('actions.links')}</Table.Th>
                <Table.Th>{t('actions.beforeAfter')}</Table.Th>
                <Table.Th>{t('app.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id} data-action={a.title}>
                  <Table.Td>{a.title}</Table.Td>
                  <Table.Td>{staff.data?.nameOf(a.ownerUserId) ?? ''}</Table.Td>
                  <Table.Td>{a.dueDate ? formatDate(a.dueDate, locale) : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={STATUS_COLOR[a.status]} variant="light" tt="none">
                        {t(`actions.status.${a.status}`)}
                      </Badge>
                      {a.overdue && (
                        <Badge color="red" variant="light" tt="none">
                          {t('actions.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Links links={a.links} catalog={catalog.data} />
                  </Table.Td>
                  <Table.Td data-testid="before-after">
                    {a.helped && (
                      <Text size="sm">
                        {t('actions.helped')} {t(`actions.helped.${a.helped}`)}
                      </Text>
                    )}
                    {a.measurement ? (
                      <Text size="sm">
                        {pct(a.measurement.before.value, locale)} →{' '}
                        {a.measurement.after
                          ? pct(a.measurement.after.value, locale)
                          : t('actions.afterPending')}
                      </Text>
                    ) : (
                      a.metric && <Text size="sm">{t('actions.notMeasured')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(a)}
                        aria-label={`${t('app.edit')}: ${a.title}`}
                      >
                        {t('app.edit')}
                      </Button>
                      {a.status === 'open' || a.status === 'in_progress' ? (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setClosing(a)}
                          aria-label={`${t('actions.close')}: ${a.title}`}
                        >
                          {t('actions.close')}
                        </Button>
                      ) : (
                        <>
                          {a.metric && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={() => void measure.submit(a.id)}
                            >
                              {t('actions.measure')}
                            </Button>
                          )}
                          <Button size="compact-xs" variant="subtle" onClick={() => void reopen.submit(a)}>
                            {t('actions.reopen')}
                          </Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && catalog.data && (
        <EditAction
          action={editing === 'new' ? null : editing}
          catalog={catalog.data}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      {closing && (
        <CloseAction
          action={closing}
          onClose={() => setClosing(null)}
          onSaved={() => {
            setClosing(null);
            list.reload();
          }}
        />
      )}
    </Stack>
  );
}

function Links({
  links,
  catalog,
}: {
  readonly links: readonly Link_[];
  readonly catalog: Catalog | undefined;
}) {
  const { t } = useI18n();
  return (
    <Group gap={6}>
      {links.map((l) => {
        const text =
          l.kind === 'service' ? (catalog?.serviceName(l.id) ?? l.id) : t(`actions.link.${l.kind}`);
        const href =
          l.kind === 'ticket' ? `/tickets/${l.id}` : l.kind === 'review' ? `/reviews/${l.id}` : null;
        return href ? (
          <Anchor key={`${l.kind}:${l.id}`} component={Link} href={href} size="sm">
            {text}
          </Anchor>
        ) : (
          <Text key={`${l.kind}:${l.id}`} size="sm">
            {text}
          </Text>
        );
      })}
    </Group>
  );
}

type MetricKind = 'none' | 'availability' | 'resolution_compliance';

function EditAction({
  action,
  catalog,
  onClose,
  onSaved,
}: {
  readonly action: Action | null;
  readonly catalog: Catalog;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const staff = useStaff();
  const [title, setTitle] = useState(action?.title ?? '');
  const [description, setDescription] = useState(action?.description ?? '');
  const [owner, setOwner] = useState<string | null>(action?.ownerUserId ?? null);
  const [dueDate, setDueDate] = useState(action?.dueDate ?? '');
  const [services, setServices] = useState<string[]>(
    (action?.links ?? []).filter((l) => l.kind === 'service').map((l) => l.id),
  );
  const metric = action?.metric ?? null;
  const [metricKind, setMetricKind] = useState<MetricKind>(metric?.kind ?? 'none');
  const [metricService, setMetricService] = useState<string | null>(
    metric?.kind === 'availability' ? metric.serviceId : null,
  );
  const [metricCustomer, setMetricCustomer] = useState<string | null>(metric?.customerId ?? null);
  const [metricPriority, setMetricPriority] = useState<string | null>(
    metric?.kind === 'resolution_compliance' ? metric.priority : null,
  );
  const save = useSubmit(async () => {
    // Links other than services (tickets, outages, reviews) come from where the action was opened; keep them.
    const links = [
      ...(action?.links ?? []).filter((l) => l.kind !== 'service'),
      ...services.map((id) => ({ kind: 'service' as const, id })),
    ];
    const body: Body<'/api/v1/actions', 'post'> = {
      title: title.trim(),
      description: description.trim() || null,
      ownerUserId: owner,
      dueDate: dueDate || null,
      links,
      metric:
        metricKind === 'availability' && metricService
          ? { kind: 'availability', serviceId: metricService, customerId: metricCustomer }
          : metricKind === 'resolution_compliance' && metricPriority && metricCustomer
            ? { kind: 'resolution_compliance', priority: metricPriority, customerId: metricCustomer }
            : null,
    };
    if (action)
      await unwrap(api.PATCH('/api/v1/actions/{id}', { params: { path: { id: action.id } }, body }));
    else await unwrap(api.POST('/api/v1/actions', { body }));
    onSaved();
  });
  const serviceOptions = catalog.services.map((s) => ({ value: s.id, label: s.name }));
  const customerOptions = catalog.customers.map((c) => ({ value: c.id, label: c.name }));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={action ? t('actions.edit') : t('actions.new')}
      busy={save.busy}
      error={save.error}
      onSubmit={save.submit}
      submitLabel={action ? t('app.save') : t('app.create')}
      size="lg"
    >
      <TextInput
        label={t('actions.name')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      <Textarea
        label={t('app.description')}
        autosize
        minRows={2}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <Group grow>
        <Select
          label={t('actions.owner')}
          clearable
          searchable
          data={(staff.data?.users ?? []).map((u) => ({ value: u.id, label: u.name || u.email }))}
          value={owner}
          onChange={setOwner}
        />
        <TextInput
          type="date"
          label={t('actions.dueDate')}
          value={dueDate}
          onChange={(e) => setDueDate(e.currentTarget.value)}
        />
      </Group>
      <MultiSelect
        label={t('actions.services')}
        searchable
        data={serviceOptions}
        value={services}
        onChange={setServices}
      />
      <Select
        label={t('actions.metric')}
        allowDeselect={false}
        data={(['none', 'availability', 'resolution_compliance'] as const).map((k) => ({
          value: k,
          label: t(`actions.metric.${k}`),
        }))}
        value={metricKind}
        onChange={(v) => setMetricKind((v as MetricKind | null) ?? 'none')}
      />
      {metricKind === 'availability' && (
        <Group grow>
          <Select
            label={t('actions.metricService')}
            required
            searchable
            data={serviceOptions}
            value={metricService}
            onChange={setMetricService}
          />
          <Select
            label={t('actions.metricCustomer')}
            clearable
            searchable
            data={customerOptions}
            value={metricCustomer}
            onChange={setMetricCustomer}
          />
        </Group>
      )}
      {metricKind === 'resolution_compliance' && (
        <Group grow>
          <Select
            label={t('actions.metricPriority')}
            required
            data={catalog.priorities.priorities.map((p) => ({ value: p.id, label: p.name }))}
            value={metricPriority}
            onChange={setMetricPriority}
          />
          <Select
            label={t('actions.metricCustomer')}
            required
            searchable
            data={customerOptions}
            value={metricCustomer}
            onChange={setMetricCustomer}
          />
        </Group>
      )}
    </FormModal>
  );
}

function CloseAction({
  action,
  onClose,
  onSaved,
}: {
  readonly action: Action;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<'done' | 'dropped'>('done');
  const [helped, setHelped] = useState<'yes' | 'no' | 'unclear'>('yes');
  const save = useSubmit(async () => {
    await unwrap(
      api.PATCH('/api/v1/actions/{id}', { params: { path: { id: action.id } }, body: { status, helped } }),
    );
    onSaved();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('actions.closeTitle', { title: action.title })}
      busy={save.busy}
      error={save.error}
      onSubmit={save.submit}
      submitLabel={t('actions.closeSubmit')}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="close-status">
          {t('actions.closeAs')}
        </Text>
        <SegmentedControl
          aria-labelledby="close-status"
          data={(['done', 'dropped'] as const).map((s) => ({ value: s, label: t(`actions.status.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as 'done' | 'dropped')}
        />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="close-helped">
          {t('actions.helped')}
        </Text>
        <SegmentedControl
          aria-labelledby="close-helped"
          data={(['yes', 'no', 'unclear'] as const).map((h) => ({
            value: h,
            label: t(`actions.helped.${h}`),
          }))}
          value={helped}
          onChange={(v) => setHelped(v as 'yes' | 'no' | 'unclear')}
        />
      </Stack>
    </FormModal>
  );
}
