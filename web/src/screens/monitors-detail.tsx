// One monitor: its state, availability over four windows, its outages and its most recent checks.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog } from '../lib/catalog.ts';
import { formatDuration, formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';
import { latency, StateBadge } from './monitors-shared.tsx';

const WINDOWS = ['24h', '7d', '30d', '365d'] as const;

export default function MonitorDetail({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'] ?? '';
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const agent = manage || me?.role === 'agent';
  const monitor = useLoad(() => unwrap(api.GET('/api/v1/monitors/{id}', { params: { path: { id } } })), [id]);
  const uptime = useLoad(
    () => unwrap(api.GET('/api/v1/monitors/{id}/uptime', { params: { path: { id } } })),
    [id],
  );
  const outages = useLoad(
    () => unwrap(api.GET('/api/v1/outages', { params: { query: { monitorId: id, limit: 50 } } })),
    [id],
  );
  const checks = useLoad(
    () => unwrap(api.GET('/api/v1/monitors/{id}/checks', { params: { path: { id }, query: { limit: 50 } } })),
    [id],
  );
  const catalog = useCatalog();
  const reloadAll = (): void => {
    monitor.reload();
    uptime.reload();
    outages.reload();
    checks.reload();
  };
  const pause = useSubmit(async (paused: boolean) => {
    await unwrap(api.PATCH('/api/v1/monitors/{id}', { params: { path: { id } }, body: { paused } }));
    reloadAll();
  });
  const setStatus = useSubmit(async (status: 'up' | 'down') => {
    await unwrap(api.POST('/api/v1/monitors/{id}/status', { params: { path: { id } }, body: { status } }));
    reloadAll();
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 });
  const m = monitor.data;
  return (
    <Stack>
      <Anchor component={Link} href="/monitors" size="sm">
        ← {t('monitors.back')}
      </Anchor>
      <ErrorAlert error={monitor.error} onRetry={monitor.reload} />
      {m && (
        <Card withBorder>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">
                {m.name}
              </Title>
              <Text size="sm">
                {t(`monitors.kind.${m.kind}`)} · {m.target}
              </Text>
              <Text size="sm" c="gray.7">
                {t('monitors.service')}: {catalog.data?.serviceName(m.serviceId) ?? '…'} ·{' '}
                {t('monitors.customer')}:{' '}
                {m.customerId
                  ? (catalog.data?.customerName(m.customerId) ?? '…')
                  : t('monitors.customerShared')}
              </Text>
            </div>
            <Group gap="xs">
              {m.kind === 'manual' && agent && (
                <>
                  <Button
                    size="xs"
                    color="green"
                    variant="light"
                    loading={setStatus.busy}
                    onClick={() => void setStatus.submit('up')}
                  >
                    {t('monitors.setUp')}
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    loading={setStatus.busy}
                    onClick={() => void setStatus.submit('down')}
                  >
                    {t('monitors.setDown')}
                  </Button>
                </>
              )}
              {manage && (
                <Button
                  size="xs"
                  variant="default"
                  loading={pause.busy}
                  onClick={() => void pause.submit(!m.paused)}
                >
                  {m.paused ? t('monitors.resume') : t('monitors.pause')}
                </Button>
              )}
            </Group>
          </Group>
          <Group gap="sm" mt="sm" data-testid="monitor-state">
            <Text size="sm">{t('monitors.state')}:</Text>
            <StateBadge state={m.state} paused={m.paused} />
            <Text size="sm" c="gray.7">
              {t('monitors.since', { time: formatInstant(m.stateSince, locale) })}
            </Text>
          </Group>
          <ErrorAlert error={pause.error ?? setStatus.error} />
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('monitors.uptime')}
        </Title>
        <ErrorAlert error={uptime.error} onRetry={uptime.reload} />
        {uptime.data && (
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {WINDOWS.map((w) => {
              const a = uptime.data?.windows[w].availability ?? null;
              return (
                <div key={w}>
                  <Text size="sm" c="gray.7">
                    {t(`monitors.window.${w}`)}
                  </Text>
                  <Text size="xl" fw={700}>
                    {a === null ? '—' : percent.format(a)}
                  </Text>
                </div>
              );
            })}
          </SimpleGrid>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('monitors.outages')}
        </Title>
        <ErrorAlert error={outages.error} onRetry={outages.reload} />
        {outages.data && outages.data.items.length === 0 && (
          <EmptyState>{t('monitors.noOutages')}</EmptyState>
        )}
        {outages.data && outages.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table data-testid="outages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('monitors.outageStart')}</Table.Th>
                  <Table.Th>{t('monitors.outageDuration')}</Table.Th>
                  <Table.Th>{t('monitors.cause')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outages.data.items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>{formatInstant(o.startedAt, locale)}</Table.Td>
                    <Table.Td>
                      {o.durationMs === null ? (
                        <Badge color="red" variant="light" tt="none">
                          {t('monitors.outageOpen')}
                        </Badge>
                      ) : (
                        formatDuration(o.durationMs, true)
                      )}
                    </Table.Td>
                    <Table.Td>{o.cause}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('monitors.checks')}
        </Title>
        <ErrorAlert error={checks.error} onRetry={checks.reload} />
        {checks.data && checks.data.items.length === 0 && <Text size="sm">{t('monitors.noChecks')}</Text>}
        {checks.data && checks.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('monitors.checkAt')}</Table.Th>
                  <Table.Th>{t('monitors.state')}</Table.Th>
                  <Table.Th>{t('monitors.responseTime')}</Table.Th>
                  <Table.Th>{t('monitors.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checks.data.items.map((c, i) => (
                  <Table.Tr key={`${c.at}-${i}`}>
                    <Table.Td>{formatInstant(c.at, locale)}</Table.Td>
                    <Table.Td>
                      <StateBadge state={c.status} />
                    </Table.Td>
                    <Table.Td>{latency(c.latencyMs, t)}</Table.Td>
                    <Table.Td>{c.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
