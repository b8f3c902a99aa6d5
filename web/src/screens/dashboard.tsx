// What needs attention now: tickets at risk and breached, with live countdowns, and the counts.
import { Anchor, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { ClockBadges } from '../components/clocks.tsx';
import { AcknowledgeBanner, DutiesCard } from '../components/duties.tsx';
import { ErrorAlert, PageHeader } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useLive, useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';

const BarChart = lazy(() => import('../components/bar-chart.tsx'));

type TicketList = Answer<'/api/v1/tickets'>;

async function loadDashboard() {
  const list = (clock: 'at_risk' | 'breached' | 'running' | 'paused', limit: number): Promise<TicketList> =>
    unwrap(api.GET('/api/v1/tickets', { params: { query: { clock, limit, sort: 'due' } } }));
  const [atRisk, breached, running, paused, all, customers, calendars, slas] = await Promise.all([
    list('at_risk', 20),
    list('breached', 20),
    list('running', 500),
    list('paused', 1),
    unwrap(api.GET('/api/v1/tickets', { params: { query: { limit: 1 } } })),
    unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 1 } } })),
    unwrap(api.GET('/api/v1/calendars')),
    unwrap(api.GET('/api/v1/slas', { params: { query: { limit: 50 } } })),
  ]);
  return { atRisk, breached, running, paused, all, customers, calendars, slas };
}

export default function Dashboard() {
  const { t } = useI18n();
  const { me } = useAuth();
  const staff = !!me && me.role !== 'customer';
  const data = useLoad(loadDashboard, []);
  useLive(data.reload, 500);
  const d = data.data;
  const byPriority = new Map<string, number>();
  for (const ticket of d?.running.items ?? [])
    byPriority.set(ticket.priority, (byPriority.get(ticket.priority) ?? 0) + 1);
  const priorities = [...byPriority.keys()].sort();
  const steps: readonly [MessageKey, string, boolean][] = d
    ? [
        ['dashboard.step.calendar', '/calendars/new', d.calendars.items.length > 0],
        ['dashboard.step.customer', '/customers', d.customers.total > 0],
        ['dashboard.step.service', '/services', false],
        ['dashboard.step.sla', '/slas', d.slas.items.some((s) => s.activeVersion !== null)],
        ['dashboard.step.ticket', '/tickets', d.all.total > 0],
      ]
    : [];
  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {d && (
        <Stack>
          {d.all.total === 0 && (
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('dashboard.gettingStarted')}
              </Title>
              <List type="ordered" spacing={4}>
                {steps.map(([label, href, done]) => (
                  <List.Item key={label}>
                    <Anchor component={Link} href={href} td={done ? 'line-through' : undefined}>
                      {t(label)}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Card>
          )}
          {staff && <AcknowledgeBanner />}
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Count label={t('dashboard.running')} value={d.running.total} href="/tickets?clock=running" />
            <Count
              label={t('dashboard.atRisk')}
              value={d.atRisk.total}
              href="/tickets?clock=at_risk"
              tone="var(--mantine-color-orange-light-color)"
            />
            <Count
              label={t('dashboard.breached')}
              value={d.breached.total}
              href="/tickets?clock=breached"
              tone="var(--mantine-color-red-light-color)"
            />
            <Count label={t('dashboard.paused')} value={d.paused.total} href="/tickets?clock=paused" />
          </SimpleGrid>
          {/* Ticket statuses are free text, so the API has no "open" filter: the tiles count by SLA clock, and
              a ticket without an SLA, or one whose clocks have all stopped, is only in the full list. */}
          <Text size="sm" c="gray.7">
            {t('dashboard.byClock')}{' '}
            <Anchor component={Link} href="/tickets" size="sm" underline="always">
              {t('dashboard.allTickets', { n: d.all.total })}
            </Anchor>
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <TicketCard
              title={t('dashboard.atRiskList')}
              list={d.atRisk}
              empty={t('dashboard.nothingAtRisk')}
            />
            <TicketCard
              title={t('dashboard.breachedList')}
              list={d.breached}
              empty={t('dashboard.nothingBreached')}
            />
          </SimpleGrid>
          {staff && <DutiesCard />}
          <TicketCard
            title={t('dashboard.dueNext')}
            list={{
              ...d.running,
              items: d.running.items
                .filter((ticket) => !d.atRisk.items.some((r) => r.id === ticket.id))
                .slice(0, 5),
            }}
            empty={t('dashboard.nothingRunning')}
          />
          {priorities.length > 0 && (
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('dashboard.byPriority')}
              </Title>
              <Suspense fallback={<div style={{ height: 220 }} />}>
                <BarChart
                  labels={priorities}
                  values={priorities.map((p) => byPriority.get(p) ?? 0)}
                  label={t('dashboard.chartLabel')}
                />
              </Suspense>
            </Card>
          )}
        </Stack>
      )}
    </>
  );
}

function Count({
  label,
  value,
  href,
  tone,
}: {
  readonly label: string;
  readonly value: number;
  readonly href: string;
  readonly tone?: string;
}) {
  return (
    <Card withBorder component={Link} href={href} style={{ textDecoration: 'none' }}>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fz={32} fw={700} c={value > 0 && tone ? tone : 'dark'} data-testid={`count-${label}`}>
        {value}
      </Text>
    </Card>
  );
}

function TicketCard({
  title,
  list,
  empty,
}: {
  readonly title: string;
  readonly list: TicketList;
  readonly empty: string;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
      </Group>
      {list.items.length === 0 ? (
        <Text c="gray.7">{empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={400}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.subject')}</Table.Th>
                <Table.Th>{t('tickets.clocks')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((ticket) => (
                <Table.Tr key={ticket.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/tickets/${ticket.id}`}>
                      #{ticket.number} {ticket.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <ClockBadges
                      clocks={ticket.clocks.filter((c) => c.state === 'running' || c.state === 'breached')}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
