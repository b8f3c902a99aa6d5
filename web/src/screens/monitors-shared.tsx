// What the monitor screens share: the state badge and the types of the API's answers.
import { Badge } from '@mantine/core';
import type { Answer } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type Monitor = Answer<'/api/v1/monitors/{id}'>;
export type MonitorState = Monitor['state'];
export const STATES: readonly MonitorState[] = ['up', 'degraded', 'down', 'unknown', 'maintenance'];

// The theme darkens these colours' light variants enough for WCAG AA contrast.
const COLOURS: Record<MonitorState, string> = {
  up: 'green',
  degraded: 'yellow',
  down: 'red',
  unknown: 'gray',
  maintenance: 'blue',
};

export function StateBadge({
  state,
  paused = false,
}: {
  readonly state: MonitorState;
  readonly paused?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Badge color={COLOURS[state]} variant="light" tt="none">
      {t(`monitors.state.${state}`)}
      {paused ? ` · ${t('monitors.paused')}` : ''}
    </Badge>
  );
}

export function latency(ms: number | null | undefined, t: ReturnType<typeof useI18n>['t']): string {
  return ms === null || ms === undefined ? '—' : t('monitors.ms', { ms: Math.round(ms) });
}
