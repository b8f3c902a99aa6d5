// SLA clocks as badges with a live countdown, and the timeline that explains a clock's due time.
import { Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Answer } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { formatDuration, formatInstant } from '../lib/format.ts';
import { useNow } from '../lib/hooks.ts';

export type Ticket = Answer<'/api/v1/tickets/{id}'>;
export type Clock = Ticket['clocks'][number];
export type Segment = NonNullable<Clock['timeline']>[number];

const STATE_COLOR: Record<Clock['state'], string> = {
  running: 'blue',
  paused: 'gray',
  met: 'green',
  breached: 'red',
  cancelled: 'gray',
  idle: 'gray',
};

export function clockLabel(clock: Clock): MessageKey {
  return clock.metric === 'first_response'
    ? 'clock.first_response'
    : clock.metric === 'update'
      ? 'clock.update'
      : 'clock.resolution';
}

/** Whether a running clock has passed its first warning share. */
export function isAtRisk(clock: Clock, now: number): boolean {
  if (clock.state !== 'running' || !clock.dueAt) return false;
  const due = Date.parse(clock.dueAt);
  const first = clock.warnings?.[0];
  return now < due && first !== undefined && now >= Date.parse(first.at);
}

export function isBreached(clock: Clock, now: number): boolean {
  return (
    clock.state === 'breached' ||
    (clock.state === 'running' &&
      clock.dueAt !== null &&
      clock.dueAt !== undefined &&
      now >= Date.parse(clock.dueAt))
  );
}

/** One clock: its name, its state, and for a running clock the time until (or since) its due instant, every second. */
export function ClockBadge({ clock }: { readonly clock: Clock }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const name = t(clockLabel(clock));
  let color = STATE_COLOR[clock.state];
  let urgent = false;
  let text: string;
  if (clock.state === 'running' && clock.dueAt) {
    const left = Date.parse(clock.dueAt) - now;
    text =
      left >= 0
        ? t('clock.dueIn', { time: formatDuration(left, true) })
        : t('clock.overdue', { time: formatDuration(-left, true) });
    if (left < 0) color = 'red';
    else if (isAtRisk(clock, now)) color = 'orange';
    urgent = color !== 'blue';
  } else if (clock.state === 'paused') {
    text = t('clock.pausedLeft', { time: formatDuration(clock.remainingMs ?? 0) });
  } else if (clock.state === 'met') {
    text = t('clock.metAt', { at: formatInstant(clock.stoppedAt, locale) });
  } else if (clock.state === 'breached') {
    text = t('clock.breachedAt', { at: formatInstant(clock.breachedAt ?? clock.dueAt, locale) });
  } else {
    text = t(`clock.${clock.state}`);
  }
  return (
    <Tooltip label={clock.dueAt ? formatInstant(clock.dueAt, locale) : name} withArrow>
      <Badge
        color={color}
        variant={clock.state === 'running' && !urgent ? 'filled' : 'light'}
        tt="none"
        size="lg"
        radius="sm"
        data-clock={clock.id}
        data-state={clock.state}
      >
        {name}: {text}
      </Badge>
    </Tooltip>
  );
}

export function ClockBadges({ clocks }: { readonly clocks: readonly Clock[] }) {
  const { t } = useI18n();
  if (clocks.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {t('tickets.noSla')}
      </Text>
    );
  return (
    <Group gap={6}>
      {clocks.map((clock) => (
        <ClockBadge key={clock.id} clock={clock} />
      ))}
    </Group>
  );
}

const KIND_COLOR: Record<Segment['kind'], string> = {
  counted: 'var(--mantine-color-blue-7)',
  paused: 'var(--mantine-color-yellow-5)',
  outside_hours: 'var(--mantine-color-gray-4)',
  holiday: 'var(--mantine-color-grape-4)',
  closure: 'var(--mantine-color-orange-4)',
};

/** The spans that counted, paused, or did not count, on to the due instant: why the due time is what it is. */
export function ClockTimeline({ clock, timeZone }: { readonly clock: Clock; readonly timeZone?: string }) {
  const { t, locale } = useI18n();
  const segments = clock.timeline ?? [];
  if (segments.length === 0) return <Text size="sm">{t('timeline.empty')}</Text>;
  const spanOf = (s: Segment): number => Date.parse(s.end) - Date.parse(s.start);
  const total = segments.reduce((sum, s) => sum + spanOf(s), 0) || 1;
  const counted = segments
    .filter((s) => s.kind === 'counted' && !s.projected)
    .reduce((sum, s) => sum + spanOf(s), 0);
  const name = t(clockLabel(clock));
  const kinds = [...new Set(segments.map((s) => s.kind))];
  return (
    <Stack gap="sm" data-testid={`timeline-${clock.id}`}>
      <Text fw={600}>{t('ticket.timelineOf', { clock: name })}</Text>
      <Text size="sm">
        {t('timeline.summary', {
          counted: formatDuration(clock.elapsedMs ?? counted),
          paused: formatDuration(clock.pausedMs ?? 0),
          target: formatDuration(clock.durationMs ?? 0),
          due: formatInstant(clock.dueAt, locale, timeZone),
        })}
      </Text>
      <div className="timeline-bar" role="img" aria-label={t('timeline.bar')}>
        {segments.map((s, i) => (
          <span
            key={i}
            className={s.projected ? 'timeline-projected' : undefined}
            style={{ width: `${(spanOf(s) / total) * 100}%`, background: KIND_COLOR[s.kind] }}
            title={`${t(`timeline.${s.kind}`)}${s.label ? ` (${s.label})` : ''}: ${formatInstant(s.start, locale, timeZone)} – ${formatInstant(s.end, locale, timeZone)}`}
          />
        ))}
      </div>
      <Group gap="md">
        {kinds.map((kind) => (
          <Group gap={4} key={kind}>
            <span
              aria-hidden
              style={{
                width: 12,
                height: 12,
                borderRadius: 2,
                background: KIND_COLOR[kind],
                display: 'inline-block',
              }}
            />
            <Text size="xs">{t(`timeline.${kind}`)}</Text>
          </Group>
        ))}
      </Group>
      {kinds.includes('paused') && <Text size="sm">{t('timeline.explainPaused')}</Text>}
      {kinds.some((k) => k === 'outside_hours' || k === 'holiday' || k === 'closure') && (
        <Text size="sm">{t('timeline.explainOutside')}</Text>
      )}
      <Table.ScrollContainer minWidth={480}>
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('timeline.from')}</Table.Th>
              <Table.Th>{t('timeline.to')}</Table.Th>
              <Table.Th>{t('timeline.kind')}</Table.Th>
              <Table.Th>{t('timeline.length')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.map((s, i) => (
              <Table.Tr key={i} data-kind={s.kind}>
                <Table.Td>{formatInstant(s.start, locale, timeZone)}</Table.Td>
                <Table.Td>{formatInstant(s.end, locale, timeZone)}</Table.Td>
                <Table.Td>
                  {t(`timeline.${s.kind}`)}
                  {s.label ? ` – ${s.label}` : ''}
                  {s.projected ? ` (${t('timeline.projected')})` : ''}
                </Table.Td>
                <Table.Td>{formatDuration(spanOf(s))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
