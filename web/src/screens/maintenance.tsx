// Maintenance windows: planned downtime of a service or one monitor, once or every week, which does not count
// against availability; the list shows the next occurrences.
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { browserTimeZone, formatInstant, TIME_ZONES } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';

type Window = Answer<'/api/v1/maintenance-windows'>['items'][number];
interface Option {
  readonly value: string;
  readonly label: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export default function Maintenance() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  // Agents and above plan maintenance (the API allows it); customer viewers only read.
  const manage = !!me && me.role !== 'customer';
  const list = useLoad(() => unwrap(api.GET('/api/v1/maintenance-windows')), []);
  const targets = useLoad(async () => {
    const [services, monitors] = await Promise.all([
      unwrap(api.GET('/api/v1/services', { params: { query: { limit: 500 } } })),
      unwrap(api.GET('/api/v1/monitors', { params: { query: { limit: 500 } } })),
    ]);
    return {
      services: services.items.map((s) => ({ value: s.id, label: s.name })),
      monitors: monitors.items.map((m) => ({ value: m.id, label: m.name })),
    };
  }, []);
  const [creating, setCreating] = useState(false);
  const label = (options: readonly Option[] | undefined, id: string): string =>
    options?.find((o) => o.value === id)?.label ?? id;
  const target = (w: Window): string =>
    w.monitorId
      ? `${t('maintenance.monitor')}: ${label(targets.data?.monitors, w.monitorId)}`
      : w.serviceId
        ? `${t('maintenance.service')}: ${label(targets.data?.services, w.serviceId)}`
        : t('app.none');
  const add = manage ? <Button onClick={() => setCreating(true)}>{t('maintenance.new')}</Button> : null;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('maintenance.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error ?? targets.error} onRetry={list.reload} />
      {list.data && items.length === 0 && <EmptyState action={add}>{t('maintenance.empty')}</EmptyState>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('maintenance.target')}</Table.Th>
                <Table.Th>{t('maintenance.upcoming')}</Table.Th>
                {manage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>{w.name}</Table.Td>
                  <Table.Td>{target(w)}</Table.Td>
                  <Table.Td>
                    {w.upcoming.length === 0 ? (
                      t('maintenance.none')
                    ) : (
                      <Text size="sm" component="div">
                        {w.upcoming.slice(0, 3).map((o) => (
                          <div key={o.start}>
                            {formatInstant(o.start, locale)} – {formatInstant(o.end, locale)}
                          </div>
                        ))}
                      </Text>
                    )}
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${t('app.delete')}: ${w.name}`}
                        question={t('app.confirmDelete', { name: w.name })}
                        onConfirm={async () => {
                          await unwrap(
                            api.DELETE('/api/v1/maintenance-windows/{id}', {
                              params: { path: { id: w.id } },
                            }),
                          );
                          list.reload();
                        }}
                      >
                        {t('app.delete')}
                      </ConfirmButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && (
        <WindowForm
          services={targets.data?.services ?? []}
          monitors={targets.data?.monitors ?? []}
          onClose={() => setCreating(false)}
          onSaved={list.reload}
        />
      )}
    </>
  );
}

function WindowForm({
  services,
  monitors,
  onClose,
  onSaved,
}: {
  readonly services: readonly Option[];
  readonly monitors: readonly Option[];
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'service' | 'monitor'>('service');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const [start, setStart] = useState('');
  const [minutes, setMinutes] = useState<number | string>(60);
  const [weekly, setWeekly] = useState(false);
  const [weekdays, setWeekdays] = useState<string[]>([]);
  const [until, setUntil] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/maintenance-windows', {
        body: {
          name: name.trim(),
          ...(kind === 'service' ? { serviceId: targetId } : { monitorId: targetId }),
          definition: {
            timeZone,
            start,
            durationMinutes: Number(minutes),
            recurrence: weekly ? { kind: 'weekly', weekdays: weekdays.map(Number).sort() } : null,
            ...(weekly && until ? { until } : {}),
          },
        },
      }),
    );
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('maintenance.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <SegmentedControl
        aria-label={t('maintenance.target')}
        data={[
          { value: 'service', label: t('maintenance.service') },
          { value: 'monitor', label: t('maintenance.monitor') },
        ]}
        value={kind}
        onChange={(v) => {
          setKind(v as 'service' | 'monitor');
          setTargetId(null);
        }}
      />
      <Select
        label={kind === 'service' ? t('maintenance.service') : t('maintenance.monitor')}
        required
        searchable
        data={kind === 'service' ? [...services] : [...monitors]}
        value={targetId}
        onChange={setTargetId}
      />
      <Select
        label={t('maintenance.timeZone')}
        required
        searchable
        allowDeselect={false}
        data={[...TIME_ZONES]}
        value={timeZone}
        onChange={(v) => v && setTimeZone(v)}
      />
      <TextInput
        label={t('maintenance.start')}
        type="datetime-local"
        required
        value={start}
        onChange={(e) => setStart(e.currentTarget.value)}
      />
      <NumberInput label={t('maintenance.duration')} required min={1} value={minutes} onChange={setMinutes} />
      <Checkbox
        label={t('maintenance.weekly')}
        checked={weekly}
        onChange={(e) => setWeekly(e.currentTarget.checked)}
      />
      {weekly && (
        <>
          <Checkbox.Group label={t('maintenance.weekdays')} required value={weekdays} onChange={setWeekdays}>
            <Group mt={4}>
              {WEEKDAYS.map((d) => (
                <Checkbox key={d} value={String(d)} label={t(`maintenance.weekday.${d}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput
            label={t('maintenance.until')}
            type="date"
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
          />
        </>
      )}
    </FormModal>
  );
}
