// An agent's own figures: for the tickets assigned to them now, how often targets were met in a period, their
// times, and what is open, at risk or breached right now.
import { Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorAlert, PageHeader } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDuration } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { navigate, useLocation } from '../router.tsx';
import { monthBefore, quarterBefore, share } from './reports.tsx';

export default function MyFigures() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const choices = useMemo(() => {
    const now = new Date();
    const months = Array.from({ length: 12 }, (_, back) => monthBefore(now, back)).map((key) => {
      const [y = 1970, m = 1] = key.split('-').map(Number);
      return {
        value: key,
        label: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          Date.UTC(y, m - 1, 1),
        ),
      };
    });
    const quarters = Array.from({ length: 4 }, (_, back) => quarterBefore(now, back)).map((key) => {
      const [year = '', q = ''] = key.split('-Q');
      return { value: key, label: t('reports.quarterLabel', { q, year }) };
    });
    return [...months, ...quarters];
  }, [locale, t]);
  const period = search.get('period') ?? choices[0]?.value ?? '';
  const figures = useLoad(
    () => unwrap(api.GET('/api/v1/me/compliance', { params: { query: { period } } })),
    [period],
  );
  const f = figures.data;
  const metric = (m: string): string =>
    m === 'first_response' ? t('clock.first_response') : t('clock.resolution');
  return (
    <Stack>
      <PageHeader title={t('me.title')} />
      <Text>{t('me.intro')}</Text>
      <Group>
        <Select
          label={t('me.period')}
          allowDeselect={false}
          data={choices}
          value={period}
          onChange={(v) => v && navigate(`/me?period=${encodeURIComponent(v)}`, { replace: true })}
        />
      </Group>
      <ErrorAlert error={figures.error} onRetry={figures.reload} />
      {f && (
        <>
          <SimpleGrid cols={{ base: 3 }}>
            <Card withBorder>
              <Text size="xl" fw={700}>
                {f.now.open}
              </Text>
              <Text size="sm">{t('me.open')}</Text>
            </Card>
            <Card withBorder>
              <Text size="xl" fw={700}>
                {f.now.atRisk}
              </Text>
              <Text size="sm">{t('me.atRisk')}</Text>
            </Card>
            <Card withBorder>
              <Text size="xl" fw={700}>
                {f.now.breached}
              </Text>
              <Text size="sm">{t('me.breached')}</Text>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('reports.compliance')} · {f.period.label}
            </Title>
            {f.compliance.length === 0 ? (
              <Text size="sm">{t('me.noFigures')}</Text>
            ) : (
              <Table fz="sm" striped data-testid="my-compliance">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tickets.priority')}</Table.Th>
                    <Table.Th>{t('reports.metric')}</Table.Th>
                    <Table.Th>{t('reports.met')}</Table.Th>
                    <Table.Th>{t('reports.breachedCount')}</Table.Th>
                    <Table.Th>{t('reports.complianceShort')}</Table.Th>
                    <Table.Th>{t('reports.goal')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.compliance.map((c) => (
                    <Table.Tr key={`${c.priority}:${c.metric}`}>
                      <Table.Td>{c.priority === 'all' ? t('app.all') : c.priority}</Table.Td>
                      <Table.Td>{metric(c.metric)}</Table.Td>
                      <Table.Td>{c.met}</Table.Td>
                      <Table.Td>{c.breached}</Table.Td>
                      <Table.Td c={c.achieved ? undefined : 'red.8'}>{share(c.compliance, locale)}</Table.Td>
                      <Table.Td>{share(c.goal, locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {f.times.length > 0 && (
              <>
                <Title order={3} size="h5" mt="md" mb="xs">
                  {t('me.times')}
                </Title>
                <Table fz="sm" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('tickets.priority')}</Table.Th>
                      <Table.Th>{t('reports.metric')}</Table.Th>
                      <Table.Th>{t('reports.count')}</Table.Th>
                      <Table.Th>{t('reports.mean')}</Table.Th>
                      <Table.Th>{t('reports.p90')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {f.times.map((row) => (
                      <Table.Tr key={`${row.priority}:${row.metric}`}>
                        <Table.Td>{row.priority === 'all' ? t('app.all') : row.priority}</Table.Td>
                        <Table.Td>{metric(row.metric)}</Table.Td>
                        <Table.Td>{row.count}</Table.Td>
                        <Table.Td>{formatDuration(row.meanBusinessMs)}</Table.Td>
                        <Table.Td>{formatDuration(row.p90BusinessMs)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
