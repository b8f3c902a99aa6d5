// The terms of an SLA version as a form: who it covers, targets per priority on a calendar, pauses, warnings.
import { Group, MultiSelect, Select, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import type { Answer, Body } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Catalog } from '../lib/catalog.ts';
import { humanDuration, parseHumanDuration } from '../lib/format.ts';

export type SlaVersion = Answer<'/api/v1/slas/{id}/versions/{v}'>;
type NewSla = Body<'/api/v1/slas', 'post'>;
export type Terms = NonNullable<NewSla['terms']>;
const METRICS = ['firstResponse', 'resolution', 'update'] as const;
type Metric = (typeof METRICS)[number];

export interface TargetDraft {
  readonly duration: string;
  readonly calendarId: string | null;
}

export interface TermsDraft {
  readonly customerIds: string[];
  readonly serviceIds: string[];
  readonly targets: Record<string, Partial<Record<Metric, TargetDraft>>>;
  readonly pauseStatuses: string[];
  readonly warnings: string[];
  /** Terms this form does not edit (availability, credits, review interval), kept as they were. */
  readonly rest: Partial<Terms>;
}

export function emptyTerms(calendarId: string | null): TermsDraft {
  return {
    customerIds: [],
    serviceIds: [],
    targets: {
      P1: {
        firstResponse: { duration: '1h', calendarId: null },
        resolution: { duration: '4h', calendarId: null },
      },
      P2: { firstResponse: { duration: '2h', calendarId }, resolution: { duration: '8h', calendarId } },
      P3: { firstResponse: { duration: '4h', calendarId }, resolution: { duration: '24h', calendarId } },
      P4: { firstResponse: { duration: '8h', calendarId }, resolution: { duration: '40h', calendarId } },
    },
    pauseStatuses: ['waiting for customer'],
    warnings: ['50', '75'],
    rest: {},
  };
}

export function termsFromVersion(version: SlaVersion): TermsDraft {
  const targets: TermsDraft['targets'] = {};
  for (const [priority, target] of Object.entries(version.terms.targets)) {
    const row: Partial<Record<Metric, TargetDraft>> = {};
    for (const metric of METRICS) {
      const t = target[metric];
      if (t) row[metric] = { duration: humanDuration(t.duration), calendarId: t.calendarId };
    }
    targets[priority] = row;
  }
  const { targets: _targets, pauseStatuses, warnings, ...rest } = version.terms;
  return {
    customerIds: [...version.customerIds],
    serviceIds: [...version.serviceIds],
    targets,
    pauseStatuses: [...pauseStatuses],
    warnings: warnings.map((w) => String(Math.round(w * 1000) / 10)),
    rest: rest as Partial<Terms>,
  };
}

/** The draft as the API's body; throws a readable message for a duration nobody can parse. */
export function termsBody(draft: TermsDraft): { customerIds: string[]; serviceIds: string[]; terms: Terms } {
  const targets: NonNullable<Terms['targets']> = {};
  for (const [priority, row] of Object.entries(draft.targets)) {
    const out: Partial<Record<Metric, { duration: string; calendarId: string | null }>> = {};
    for (const metric of METRICS) {
      const t = row[metric];
      if (!t || !t.duration.trim()) continue;
      const duration = parseHumanDuration(t.duration);
      if (!duration) throw new Error(`${priority} ${metric}: "${t.duration}"`);
      out[metric] = { duration, calendarId: t.calendarId };
    }
    if (Object.keys(out).length) targets[priority] = out;
  }
  return {
    customerIds: draft.customerIds,
    serviceIds: draft.serviceIds,
    terms: {
      ...draft.rest,
      targets,
      pauseStatuses: draft.pauseStatuses,
      warnings: draft.warnings
        .map((w) => Number(w.replace('%', '').replace(',', '.')) / 100)
        .filter((w) => w > 0 && w < 1),
    },
  };
}

export function TermsEditor({
  value,
  onChange,
  catalog,
}: {
  readonly value: TermsDraft;
  readonly onChange: (v: TermsDraft) => void;
  readonly catalog: Catalog;
}) {
  const { t } = useI18n();
  const calendars = [
    { value: '', label: t('slas.allDay') },
    ...catalog.calendars.map((c) => ({ value: c.id, label: c.name })),
  ];
  const setTarget = (priority: string, metric: Metric, patch: Partial<TargetDraft>): void => {
    const row = value.targets[priority] ?? {};
    const current = row[metric] ?? { duration: '', calendarId: null };
    onChange({
      ...value,
      targets: { ...value.targets, [priority]: { ...row, [metric]: { ...current, ...patch } } },
    });
  };
  const label: Record<Metric, string> = {
    firstResponse: t('clock.first_response'),
    resolution: t('clock.resolution'),
    update: t('clock.update'),
  };
  return (
    <Stack>
      <Group grow align="flex-start" wrap="wrap">
        <MultiSelect
          label={t('slas.customers')}
          placeholder={value.customerIds.length ? undefined : t('app.all')}
          data={catalog.customers.map((c) => ({ value: c.id, label: c.name }))}
          searchable
          value={value.customerIds}
          onChange={(customerIds) => onChange({ ...value, customerIds })}
        />
        <MultiSelect
          label={t('slas.services')}
          placeholder={value.serviceIds.length ? undefined : t('app.all')}
          data={catalog.services.map((s) => ({ value: s.id, label: s.name }))}
          searchable
          value={value.serviceIds}
          onChange={(serviceIds) => onChange({ ...value, serviceIds })}
        />
      </Group>
      <div>
        <Title order={3} size="h5">
          {t('slas.targets')}
        </Title>
        <Text size="sm" c="gray.7" mb="xs">
          {t('slas.targetHint')}
        </Text>
        {catalog.calendars.length === 0 && (
          <Text size="sm" mb="xs">
            {t('slas.needCalendar')}
          </Text>
        )}
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.priority')}</Table.Th>
                {METRICS.map((m) => (
                  <Table.Th key={m}>{label[m]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.priorities.priorities.map((p) => (
                <Table.Tr key={p.id} data-priority={p.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {p.id}
                    </Text>
                    <Text size="xs">{p.name}</Text>
                  </Table.Td>
                  {METRICS.map((m) => {
                    const target = value.targets[p.id]?.[m];
                    return (
                      <Table.Td key={m}>
                        <Group gap={4} wrap="nowrap">
                          <TextInput
                            size="xs"
                            w={80}
                            aria-label={`${p.id} ${label[m]}`}
                            value={target?.duration ?? ''}
                            onChange={(e) => setTarget(p.id, m, { duration: e.currentTarget.value })}
                          />
                          <Select
                            size="xs"
                            w={150}
                            aria-label={`${p.id} ${label[m]}: ${t('slas.calendar')}`}
                            data={calendars}
                            value={target?.calendarId ?? ''}
                            onChange={(v) => setTarget(p.id, m, { calendarId: v ? v : null })}
                            allowDeselect={false}
                          />
                        </Group>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
      <Group grow align="flex-start" wrap="wrap">
        <TagsInput
          label={t('slas.pauseStatuses')}
          value={value.pauseStatuses}
          onChange={(pauseStatuses) => onChange({ ...value, pauseStatuses })}
        />
        <TagsInput
          label={t('slas.warnings')}
          value={value.warnings}
          onChange={(warnings) => onChange({ ...value, warnings })}
        />
      </Group>
    </Stack>
  );
}

/** The targets of a version, read-only: "4h on Office Munich" per priority and clock. */
export function TermsView({ version, catalog }: { readonly version: SlaVersion; readonly catalog: Catalog }) {
  const { t } = useI18n();
  const calendarName = (id: string | null): string =>
    id ? (catalog.calendars.find((c) => c.id === id)?.name ?? id) : t('slas.allDay');
  const label: Record<Metric, string> = {
    firstResponse: t('clock.first_response'),
    resolution: t('clock.resolution'),
    update: t('clock.update'),
  };
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={520}>
        <Table withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tickets.priority')}</Table.Th>
              {METRICS.map((m) => (
                <Table.Th key={m}>{label[m]}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(version.terms.targets).map(([priority, target]) => (
              <Table.Tr key={priority}>
                <Table.Td fw={600}>{priority}</Table.Td>
                {METRICS.map((m) => {
                  const value = target[m];
                  return (
                    <Table.Td key={m}>
                      {value ? `${humanDuration(value.duration)} · ${calendarName(value.calendarId)}` : '—'}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">
        {t('slas.pauseStatuses')}: {version.terms.pauseStatuses.join(', ') || '—'}
      </Text>
      <Text size="sm">
        {t('slas.warnings')}:{' '}
        {version.terms.warnings.map((w) => `${Math.round(w * 100)} %`).join(', ') || '—'}
      </Text>
    </Stack>
  );
}
