// A customer's report for a month, quarter, year or range of days: the summary, availability against target with
// a chart, ticket compliance, times, breaches and credits, the trend and the figures per SLA, with the CSV, PDF and
// printable page to download; managers issue (freeze) a report and compare an issued one with today's figures.
// The choice lives in the address.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, unwrap, type Answer, type Schemas } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import type { AvailabilityBar } from '../components/availability-chart.tsx';
import { useI18n, type Locale, type Translate } from '../i18n/i18n.tsx';
import { formatDuration, formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';

const AvailabilityChart = lazy(() => import('../components/availability-chart.tsx'));

type Report = Answer<'/api/v1/customers/{id}/report'>;
type Metric = Report['compliance'][number]['metric'];
type Issued = Answer<'/api/v1/reports'>['items'][number];
/** The downloads the API documents; a path missing from the generated client fails to type-check here. */
type FilePath = Extract<
  keyof Schemas,
  | '/api/v1/customers/{id}/report.csv'
  | '/api/v1/customers/{id}/report.html'
  | '/api/v1/customers/{id}/report.pdf'
>;
type IssuedPath = Extract<keyof Schemas, '/api/v1/reports/{id}.csv' | '/api/v1/reports/{id}.html'>;
type Kind = 'month' | 'quarter' | 'year' | 'range';
const MONTHS_BACK = 24;
const QUARTERS_BACK = 8;
const YEARS_BACK = 4;
const AUTO = 'customer';

/** "2026-03" for the month `back` months before now, as the browser's calendar counts. */
export function monthBefore(now: Date, back: number): string {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "2026-Q3" for the quarter `back` quarters before the current one. */
export function quarterBefore(now: Date, back: number): string {
  const index = now.getFullYear() * 4 + Math.floor(now.getMonth() / 3) - back;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** Which kind of period a key names: 2026-03, 2026-Q3, 2026, or 2026-03-01..2026-03-15. */
export function kindOf(key: string): Kind {
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return 'range';
}

function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, 1),
  );
}

/** A share (0.995) as "99.5 %" in the UI's language. */
export function share(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value * 100)} %`;
}

function dayOf(instant: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(instant);
}

/** The query naming the period: the older `month=` for a month (bookmarks keep working), else `period=`. */
function periodQuery(key: string): { month: string } | { period: string } {
  return kindOf(key) === 'month' ? { month: key } : { period: key };
}

function fileUrl(path: FilePath, customerId: string, key: string, lang: string | null): string {
  const query = new URLSearchParams(periodQuery(key));
  if (lang) query.set('lang', lang);
  return `${path.replace('{id}', encodeURIComponent(customerId))}?${query.toString()}`;
}

function issuedUrl(path: IssuedPath, id: string): string {
  return path.replace('{id}', encodeURIComponent(id));
}

function metricText(metric: Metric, t: Translate): string {
  return metric === 'first_response' ? t('clock.first_response') : t('clock.resolution');
}

/** Met or missed; without a verdict, says why: nothing was measured, or there is nothing to measure against. */
function Achieved({ achieved, measured }: { readonly achieved: boolean | null; readonly measured: boolean }) {
  const { t } = useI18n();
  if (achieved === null)
    return <Text size="sm">{measured ? t('reports.noTarget') : t('reports.noData')}</Text>;
  return (
    <Badge color={achieved ? 'green' : 'red'} variant="light" tt="none">
      {achieved ? t('reports.achieved') : t('reports.missed')}
    </Badge>
  );
}

/** The choices of one kind of period, newest first. */
function choicesOf(kind: Kind, locale: Locale, t: Translate): { value: string; label: string }[] {
  const now = new Date();
  if (kind === 'quarter')
    return Array.from({ length: QUARTERS_BACK }, (_, back) => {
      const key = quarterBefore(now, back);
      const [year = '', q = ''] = key.split('-Q');
      return { value: key, label: t('reports.quarterLabel', { q, year }) };
    });
  if (kind === 'year')
    return Array.from({ length: YEARS_BACK }, (_, back) => {
      const year = String(now.getFullYear() - back);
      return { value: year, label: year };
    });
  return Array.from({ length: MONTHS_BACK }, (_, back) => {
    const key = monthBefore(now, back);
    return { value: key, label: monthLabel(key, locale) };
  });
}

export default function Reports() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const { search } = useLocation();
  const viewer = me?.role === 'customer';
  const customers = useLoad(
    async () =>
      viewer ? [] : (await unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 500 } } }))).items,
    [viewer],
  );
  const firstCustomer = customers.data?.[0]?.id ?? '';
  // A customer viewer sees the report of its own customer only; the API refuses any other.
  const customerId = viewer ? (me?.customerId ?? '') : (search.get('customer') ?? firstCustomer);
  const thisMonth = useMemo(() => monthBefore(new Date(), 0), []);
  const key = search.get('period') ?? search.get('month') ?? thisMonth;
  const kind = kindOf(key);
  const [range, setRange] = useState(() => {
    const [from = '', to = ''] = kind === 'range' ? key.split('..') : [];
    return { from, to };
  });
  const lang = search.get('lang');
  const update = (change: (next: URLSearchParams) => void): void => {
    const next = new URLSearchParams(search);
    change(next);
    navigate(`/reports?${next.toString()}`, { replace: true });
  };
  const choose = (name: 'customer' | 'lang', value: string | null): void =>
    update((next) => (value && value !== AUTO ? next.set(name, value) : next.delete(name)));
  const choosePeriod = (value: string): void =>
    update((next) => {
      next.delete('month');
      next.delete('period');
      next.set(kindOf(value) === 'month' ? 'month' : 'period', value);
    });
  const chooseKind = (value: string | null): void => {
    if (value === 'range') {
      // A range starts as the first days of this month until today, to be changed.
      const today = new Date().toISOString().slice(0, 10);
      const from = `${today.slice(0, 8)}01`;
      setRange({ from, to: today });
      choosePeriod(`${from}..${today}`);
    } else if (value === 'month' || value === 'quarter' || value === 'year')
      choosePeriod(choicesOf(value, locale, t)[0]?.value ?? thisMonth);
  };
  const setRangeEnd = (end: 'from' | 'to', value: string): void => {
    const next = { ...range, [end]: value };
    setRange(next);
    if (/^\d{4}-\d{2}-\d{2}$/.test(next.from) && /^\d{4}-\d{2}-\d{2}$/.test(next.to) && next.from <= next.to)
      choosePeriod(`${next.from}..${next.to}`);
  };
  useEffect(() => {
    if (!viewer && !search.get('customer') && firstCustomer) choose('customer', firstCustomer);
    // Only when the list arrives: later choices are the user's.
  }, [firstCustomer]);
  const report = useLoad(
    async () =>
      customerId
        ? unwrap(
            api.GET('/api/v1/customers/{id}/report', {
              params: {
                path: { id: customerId },
                query: { ...periodQuery(key), ...(lang === 'de' || lang === 'en' ? { lang } : {}) },
              },
            }),
          )
        : null,
    [customerId, key, lang],
  );
  const r = report.data;
  return (
    <Stack>
      <PageHeader title={t('reports.title')} />
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          {!viewer && (
            <Select
              label={t('reports.customer')}
              searchable
              allowDeselect={false}
              data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={customerId || null}
              onChange={(v) => choose('customer', v)}
              style={{ minWidth: 220 }}
            />
          )}
          <Select
            label={t('reports.periodKind')}
            allowDeselect={false}
            data={(['month', 'quarter', 'year', 'range'] as const).map((k) => ({
              value: k,
              label: t(`reports.kind.${k}`),
            }))}
            value={kind}
            onChange={chooseKind}
            style={{ maxWidth: 170 }}
          />
          {kind === 'range' ? (
            <>
              <TextInput
                type="date"
                label={t('reports.from')}
                value={range.from}
                onChange={(e) => setRangeEnd('from', e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('reports.to')}
                value={range.to}
                onChange={(e) => setRangeEnd('to', e.currentTarget.value)}
              />
            </>
          ) : (
            <Select
              label={t(`reports.${kind}`)}
              allowDeselect={false}
              data={choicesOf(kind, locale, t)}
              value={key}
              onChange={(v) => v && choosePeriod(v)}
            />
          )}
          <Select
            label={t('reports.language')}
            allowDeselect={false}
            data={[
              { value: AUTO, label: t('reports.language.customer') },
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
            value={lang ?? AUTO}
            onChange={(v) => choose('lang', v)}
          />
        </Group>
        {customerId && (
          <Group gap="xs" mt="md">
            <Button
              component="a"
              variant="light"
              href={fileUrl('/api/v1/customers/{id}/report.pdf', customerId, key, lang)}
              download
            >
              {t('reports.pdf')}
            </Button>
            <Button
              component="a"
              variant="light"
              href={fileUrl('/api/v1/customers/{id}/report.csv', customerId, key, lang)}
              download
            >
              {t('reports.csv')}
            </Button>
            <Button
              component="a"
              variant="light"
              href={fileUrl('/api/v1/customers/{id}/report.html', customerId, key, lang)}
              target="_blank"
              rel="noopener"
            >
              {t('reports.printable')}
            </Button>
          </Group>
        )}
      </Card>
      <ErrorAlert error={customers.error ?? report.error} onRetry={report.reload} />
      {customers.data && !viewer && customers.data.length === 0 && (
        <EmptyState
          action={
            <Anchor component={Link} href="/customers">
              {t('nav.customers')}
            </Anchor>
          }
        >
          {t('reports.noCustomers')}
        </EmptyState>
      )}
      {r && <ReportView report={r} />}
      {customerId && (
        <IssuedReports customerId={customerId} periodKey={key} lang={lang} manage={canManage(me)} />
      )}
    </Stack>
  );
}

/** The reports issued for the customer: issue the chosen period (managers), open each, compare with today. */
function IssuedReports({
  customerId,
  periodKey,
  lang,
  manage,
}: {
  readonly customerId: string;
  readonly periodKey: string;
  readonly lang: string | null;
  readonly manage: boolean;
}) {
  const { t, locale } = useI18n();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/reports', { params: { query: { customerId, limit: 50 } } })),
    [customerId],
  );
  const [done, setDone] = useState<string | null>(null);
  const [diffOf, setDiffOf] = useState<Issued | null>(null);
  const issue = useSubmit(async () => {
    const issued = await unwrap(
      api.POST('/api/v1/reports', {
        body: { customerId, period: periodKey, ...(lang === 'de' || lang === 'en' ? { lang } : {}) },
      }),
    );
    setDone(t('reports.issuedDone', { period: issued.report.period.label, revision: issued.revision }));
    list.reload();
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('reports.issued')}
        </Title>
        {manage && (
          <Button size="xs" loading={issue.busy} onClick={() => void issue.submit()}>
            {t('reports.issue')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={issue.error ?? list.error} />
      {done && (
        <Text size="sm" role="status" mb="sm">
          {done}
        </Text>
      )}
      {list.data && list.data.items.length === 0 && <Text size="sm">{t('reports.noIssued')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped data-testid="issued-reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.periodKind')}</Table.Th>
                <Table.Th>{t('reports.revision')}</Table.Th>
                <Table.Th>{t('reports.issuedAt')}</Table.Th>
                <Table.Th>{t('app.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{item.period.key}</Table.Td>
                  <Table.Td>{item.revision}</Table.Td>
                  <Table.Td>{formatInstant(item.issuedAt, locale)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor
                        href={issuedUrl('/api/v1/reports/{id}.html', item.id)}
                        target="_blank"
                        rel="noopener"
                        size="sm"
                        aria-label={`${t('reports.page')} ${item.period.key} (${item.revision})`}
                      >
                        {t('reports.page')}
                      </Anchor>
                      <Anchor
                        href={issuedUrl('/api/v1/reports/{id}.csv', item.id)}
                        download
                        size="sm"
                        aria-label={`CSV ${item.period.key} (${item.revision})`}
                      >
                        CSV
                      </Anchor>
                      <Button size="compact-xs" variant="subtle" onClick={() => setDiffOf(item)}>
                        {t('reports.diff')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={diffOf !== null}
        onClose={() => setDiffOf(null)}
        title={t('reports.diffTitle')}
        size="xl"
      >
        {diffOf && <IssuedDiff id={diffOf.id} />}
      </Modal>
    </Card>
  );
}

function IssuedDiff({ id }: { readonly id: string }) {
  const { t } = useI18n();
  const diff = useLoad(
    () => unwrap(api.GET('/api/v1/reports/{id}/diff', { params: { path: { id } } })),
    [id],
  );
  const d = diff.data;
  const value = (v: number | boolean | null): string => (v === null ? '—' : String(v));
  return (
    <Stack>
      <ErrorAlert error={diff.error} onRetry={diff.reload} />
      {d && !d.changed && <Text>{t('reports.noDiff')}</Text>}
      {d && d.changed && (
        <Table fz="sm" striped data-testid="report-diff">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.diffFigure')}</Table.Th>
              <Table.Th>{t('reports.diffOld')}</Table.Th>
              <Table.Th>{t('reports.diffNew')}</Table.Th>
              <Table.Th>{t('reports.diffReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.differences.map((row) => (
              <Table.Tr key={row.figure}>
                <Table.Td>{row.figure}</Table.Td>
                <Table.Td>{value(row.old)}</Table.Td>
                <Table.Td>{value(row.new)}</Table.Td>
                <Table.Td>{t(`reports.reason.${row.reason}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The key figures of the reported period beside the periods before it, one column per period. */
function Trend({ trend }: { readonly trend: Report['trend'] }) {
  const { t, locale } = useI18n();
  const labelOf = (p: Report['trend']['periods'][number]): string => p.labels[locale] ?? p.label;
  const count = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('reports.trend')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table fz="sm" striped data-testid="report-trend">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.trendFigure')}</Table.Th>
              {trend.periods.map((p) => (
                <Table.Th key={p.key}>{labelOf(p)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trend.availability.map((a) => (
              <Table.Tr key={`a:${a.serviceId}`}>
                <Table.Td>
                  {a.name} ({t('reports.availabilityShort')})
                </Table.Td>
                {a.values.map((v, i) => (
                  <Table.Td key={i}>{share(v, locale)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {trend.compliance.map((c) => (
              <Table.Tr key={`c:${c.priority}:${c.metric}`}>
                <Table.Td>
                  {c.priority} · {metricText(c.metric as Metric, t)}
                </Table.Td>
                {c.values.map((v, i) => (
                  <Table.Td key={i}>{share(v, locale)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {(['opened', 'resolved', 'backlog'] as const).map((name) => (
              <Table.Tr key={name}>
                <Table.Td>
                  {t(
                    name === 'opened'
                      ? 'reports.trendOpened'
                      : name === 'resolved'
                        ? 'reports.trendResolved'
                        : 'reports.trendBacklog',
                  )}
                </Table.Td>
                {trend.counts[name].map((v, i) => (
                  <Table.Td key={i}>{count(v)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** Availability and compliance of each SLA that covers the customer, against that SLA's own goal. */
function PerSla({ slas }: { readonly slas: Report['slas'] }) {
  const { t, locale } = useI18n();
  return (
    <Card withBorder data-testid="report-slas">
      <Title order={2} size="h4" mb="sm">
        {t('reports.perSla')}
      </Title>
      <Stack>
        {slas.map((part) => (
          <div key={part.sla?.id ?? 'none'}>
            <Title order={3} size="h5">
              {part.sla
                ? t('reports.sla', { name: part.sla.name, version: part.sla.version })
                : t('reports.noSlaPart')}
            </Title>
            <Text size="sm" c="gray.7" mb="xs">
              {t('reports.slaGoal', { goal: share(part.complianceGoal, locale) })} ·{' '}
              {t('reports.slaBreaches', { n: part.breaches })} · {part.counts.opened} {t('reports.opened')},{' '}
              {part.counts.resolved} {t('reports.resolved')}
            </Text>
            <Table.ScrollContainer minWidth={480}>
              <Table fz="sm" withTableBorder>
                <Table.Tbody>
                  {part.availability.map((a) => (
                    <Table.Tr key={`a:${a.serviceId}`}>
                      <Table.Td>{a.name}</Table.Td>
                      <Table.Td>{share(a.availability, locale)}</Table.Td>
                      <Table.Td>
                        {t('reports.target')} {share(a.target, locale)}
                      </Table.Td>
                      <Table.Td>
                        <Achieved achieved={a.achieved} measured={a.availability !== null} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {part.compliance.map((c) => (
                    <Table.Tr key={`c:${c.priority}:${c.metric}`}>
                      <Table.Td>
                        {c.priority} · {metricText(c.metric as Metric, t)}
                      </Table.Td>
                      <Table.Td>{share(c.compliance, locale)}</Table.Td>
                      <Table.Td>
                        {t('reports.goal')} {share(c.goal, locale)}
                      </Table.Td>
                      <Table.Td>
                        <Achieved achieved={c.achieved} measured />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

function ReportView({ report: r }: { readonly report: Report }) {
  const { t, locale } = useI18n();
  const bars = useMemo<AvailabilityBar[]>(
    () =>
      r.availability.map((a) => ({
        name: a.name,
        availability: a.availability === null ? null : a.availability * 100,
        target: a.target === null ? null : a.target * 100,
        achieved: a.achieved,
      })),
    [r.availability],
  );
  const zone = r.customer.timeZone;
  return (
    <Stack data-testid="report">
      <Card withBorder>
        <Title order={2} size="h3">
          {t('reports.heading', {
            customer: r.customer.name,
            period: r.month ? monthLabel(r.month, locale) : (r.period.labels[locale] ?? r.period.label),
          })}
        </Title>
        <Text size="sm" c="gray.7" mb="sm">
          {t('reports.period', {
            from: dayOf(Date.parse(r.from), locale, zone),
            // The period is half-open: its last day is the one before `to`.
            to: dayOf(Date.parse(r.to) - 1, locale, zone),
          })}{' '}
          · {r.sla ? t('reports.sla', { name: r.sla.name, version: r.sla.version }) : t('reports.noSla')}
        </Text>
        <Text data-testid="report-summary" style={{ whiteSpace: 'pre-line' }}>
          {r.summary}
        </Text>
        <SimpleGrid cols={{ base: 3 }} mt="md">
          <Figure label={t('reports.opened')} value={r.counts.opened} />
          <Figure label={t('reports.resolved')} value={r.counts.resolved} />
          <Figure label={t('reports.backlog')} value={r.counts.backlog} />
        </SimpleGrid>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('reports.availability')}
        </Title>
        {r.availability.length === 0 ? (
          <EmptyState
            action={
              <Anchor component={Link} href="/monitors">
                {t('nav.monitors')}
              </Anchor>
            }
          >
            {t('reports.noAvailability')}
          </EmptyState>
        ) : (
          <>
            <Suspense fallback={<div style={{ height: 260 }} />}>
              <AvailabilityChart
                bars={bars}
                locale={locale}
                label={t('reports.chartLabel')}
                availabilityLabel={t('reports.availabilityShort')}
                targetLabel={t('reports.target')}
              />
            </Suspense>
            <Table.ScrollContainer minWidth={620}>
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tickets.service')}</Table.Th>
                    <Table.Th>{t('reports.availabilityShort')}</Table.Th>
                    <Table.Th>{t('reports.target')}</Table.Th>
                    <Table.Th>{t('reports.result')}</Table.Th>
                    <Table.Th>{t('reports.downtime')}</Table.Th>
                    <Table.Th>{t('reports.outages')}</Table.Th>
                    <Table.Th>{t('reports.budget')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.availability.map((a) => (
                    <Table.Tr key={a.serviceId}>
                      <Table.Td>{a.name}</Table.Td>
                      <Table.Td>{share(a.availability, locale)}</Table.Td>
                      <Table.Td>{share(a.target, locale)}</Table.Td>
                      <Table.Td>
                        <Achieved achieved={a.achieved} measured={a.availability !== null} />
                      </Table.Td>
                      <Table.Td>{formatDuration(a.downMs)}</Table.Td>
                      <Table.Td>{a.outages}</Table.Td>
                      <Table.Td>{share(a.errorBudgetUsed, locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('reports.compliance')}
        </Title>
        {r.compliance.length === 0 ? (
          <Text size="sm">{t('reports.noCompliance')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table fz="sm" striped data-testid="report-compliance">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tickets.priority')}</Table.Th>
                  <Table.Th>{t('reports.metric')}</Table.Th>
                  <Table.Th>{t('reports.met')}</Table.Th>
                  <Table.Th>{t('reports.breachedCount')}</Table.Th>
                  <Table.Th>{t('reports.complianceShort')}</Table.Th>
                  <Table.Th>{t('reports.goal')}</Table.Th>
                  <Table.Th>{t('reports.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.compliance.map((c) => (
                  <Table.Tr key={`${c.priority}:${c.metric}`}>
                    <Table.Td>{c.priority}</Table.Td>
                    <Table.Td>{metricText(c.metric, t)}</Table.Td>
                    <Table.Td>{c.met}</Table.Td>
                    <Table.Td>{c.breached}</Table.Td>
                    <Table.Td>{share(c.compliance, locale)}</Table.Td>
                    <Table.Td>{share(c.goal, locale)}</Table.Td>
                    <Table.Td>
                      <Achieved achieved={c.achieved} measured />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {r.times.length > 0 && (
          <>
            <Title order={3} size="h5" mt="md" mb="xs">
              {t('reports.times')}
            </Title>
            <Table.ScrollContainer minWidth={520}>
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
                  {r.times.map((row) => (
                    <Table.Tr key={`${row.priority}:${row.metric}`}>
                      <Table.Td>{row.priority === 'all' ? t('app.all') : row.priority}</Table.Td>
                      <Table.Td>{metricText(row.metric, t)}</Table.Td>
                      <Table.Td>{row.count}</Table.Td>
                      <Table.Td>{formatDuration(row.meanBusinessMs)}</Table.Td>
                      <Table.Td>{formatDuration(row.p90BusinessMs)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('reports.breaches')}
        </Title>
        {r.breaches.length === 0 ? (
          <Text size="sm">{t('reports.noBreaches')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={620}>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.ticket')}</Table.Th>
                  <Table.Th>{t('tickets.priority')}</Table.Th>
                  <Table.Th>{t('reports.metric')}</Table.Th>
                  <Table.Th>{t('reports.due')}</Table.Th>
                  <Table.Th>{t('reports.breachedAt')}</Table.Th>
                  <Table.Th>{t('breach.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.breaches.map((b) => (
                  <Table.Tr key={`${b.ticketId}:${b.metric}`}>
                    <Table.Td>
                      <Anchor component={Link} href={`/tickets/${b.ticketId}`} size="sm">
                        #{b.number} {b.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{b.priority}</Table.Td>
                    <Table.Td>{metricText(b.metric, t)}</Table.Td>
                    <Table.Td>{formatInstant(b.dueAt, locale, zone)}</Table.Td>
                    <Table.Td>{formatInstant(b.breachedAt, locale, zone)}</Table.Td>
                    <Table.Td>{b.reason ? (b.reason.labels[locale] ?? b.reason.label) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('reports.credits')}
        </Title>
        {r.credits.length === 0 ? (
          <Text size="sm">{t('reports.noCredits')}</Text>
        ) : (
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.service')}</Table.Th>
                <Table.Th>{t('reports.availabilityShort')}</Table.Th>
                <Table.Th>{t('reports.credit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.credits.map((c) => (
                <Table.Tr key={c.serviceId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{share(c.availability, locale)}</Table.Td>
                  <Table.Td>{new Intl.NumberFormat(locale).format(c.creditPercent)} %</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {r.trend.periods.length > 1 && <Trend trend={r.trend} />}
      {r.slas.length > 0 && <PerSla slas={r.slas} />}
      <Text size="xs" c="gray.7">
        {t('reports.generatedAt', { at: formatInstant(r.generatedAt, locale) })}
      </Text>
    </Stack>
  );
}

function Figure({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <div>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </div>
  );
}
