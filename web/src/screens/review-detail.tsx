// One review held: who took part, the period and its report snapshot, findings, decisions, the actions agreed,
// and the decision to change the SLA as a draft version with its diff.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ErrorAlert, useSubmit } from '../components/common.tsx';
import { useI18n, type Locale } from '../i18n/i18n.tsx';
import { useCatalog } from '../lib/catalog.ts';
import { formatDate, formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { useStaff } from '../lib/staff.ts';
import { Link } from '../router.tsx';

type Review = Answer<'/api/v1/reviews/{id}'>;

/** The summary sentence of a stored report in the UI's language; the snapshot keeps the report as it was. */
export function snapshotSummary(report: unknown, locale: Locale): string {
  const r = (report ?? {}) as {
    summaries?: Partial<Record<Locale, string>>;
    summary?: string | Partial<Record<Locale, string>>;
    figures?: { summary?: Partial<Record<Locale, string>> };
  };
  if (r.summaries?.[locale]) return r.summaries[locale] ?? '';
  if (r.figures?.summary?.[locale]) return r.figures.summary[locale] ?? '';
  if (typeof r.summary === 'string') return r.summary;
  return r.summary?.[locale] ?? '';
}

export default function ReviewDetail({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'] ?? '';
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const catalog = useCatalog();
  const staff = useStaff();
  const review = useLoad(() => unwrap(api.GET('/api/v1/reviews/{id}', { params: { path: { id } } })), [id]);
  const r = review.data;
  return (
    <Stack>
      <Anchor component={Link} href="/reviews" size="sm">
        ← {t('reviews.back')}
      </Anchor>
      <ErrorAlert error={review.error} onRetry={review.reload} />
      {r && (
        <>
          <Title order={1} size="h2">
            {t('reviews.heading', { sla: r.slaName, date: formatDate(r.date, locale) })}
          </Title>
          <Card withBorder>
            <Text size="sm">
              <b>{t('reviews.period')}:</b> {r.periodFrom} – {r.periodTo}
            </Text>
            <Text size="sm">
              <b>{t('reviews.participants')}:</b> {r.participants.join(', ')}
            </Text>
            <Title order={2} size="h5" mt="sm">
              {t('reviews.findings')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.findings || '—'}</Text>
            <Title order={2} size="h5" mt="sm">
              {t('reviews.decisions')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.decisions || '—'}</Text>
          </Card>
          <Card withBorder data-testid="review-snapshot">
            <Title order={2} size="h4">
              {t('reviews.snapshot')}
            </Title>
            <Text size="xs" c="gray.7" mb="sm">
              {t('reviews.snapshotTaken', { at: formatInstant(r.snapshot.takenAt, locale) })}
            </Text>
            {r.snapshot.reports.length === 0 ? (
              <Text size="sm">{t('reviews.noSnapshot')}</Text>
            ) : (
              <Table fz="sm" striped>
                <Table.Tbody>
                  {r.snapshot.reports.map((s) => (
                    <Table.Tr key={`${s.customerId}:${s.month}`}>
                      <Table.Td>{catalog.data?.customerName(s.customerId) ?? ''}</Table.Td>
                      <Table.Td>{s.month}</Table.Td>
                      <Table.Td>{snapshotSummary(s.report, locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('reviews.actionsAgreed')}
            </Title>
            {r.actions.length === 0 ? (
              <Text size="sm">{t('reviews.noActions')}</Text>
            ) : (
              <List>
                {r.actions.map((a) => (
                  <List.Item key={a.id}>
                    <Anchor component={Link} href={`/actions?review=${r.id}`} size="sm">
                      {a.title}
                    </Anchor>{' '}
                    · {staff.data?.nameOf(a.ownerUserId) ?? ''} ·{' '}
                    {a.dueDate ? formatDate(a.dueDate, locale) : ''}{' '}
                    <Badge size="sm" variant="light" tt="none">
                      {t(`actions.status.${a.status}`)}
                    </Badge>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
          <DraftCard review={r} manage={canManage(me)} onDrafted={review.reload} />
        </>
      )}
    </Stack>
  );
}

function DraftCard({
  review,
  manage,
  onDrafted,
}: {
  readonly review: Review;
  readonly manage: boolean;
  readonly onDrafted: () => void;
}) {
  const { t } = useI18n();
  const [months, setMonths] = useState<number | string>('');
  const draft = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/reviews/{id}/draft', {
        params: { path: { id: review.id } },
        body: typeof months === 'number' ? { terms: { reviewIntervalMonths: months } } : {},
      }),
    );
    onDrafted();
  });
  if (!review.draft && !manage) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('reviews.draft')}
      </Title>
      {review.draft ? (
        <Stack gap="xs">
          <Text fw={600}>{t('reviews.draftCreated', { v: review.draft.version })}</Text>
          <List size="sm" data-testid="review-draft-changes">
            {review.draft.changes.map((c) => (
              <List.Item key={c.field}>{c.text}</List.Item>
            ))}
          </List>
          <Anchor component={Link} href={`/slas/${review.slaId}`}>
            {t('reviews.openDiff')}
          </Anchor>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Text size="sm">{t('reviews.draftHint')}</Text>
          <Group align="flex-end">
            <NumberInput
              label={t('reviews.intervalMonths')}
              min={1}
              max={60}
              value={months}
              onChange={setMonths}
              style={{ maxWidth: 260 }}
            />
            <Button loading={draft.busy} onClick={() => void draft.submit()}>
              {t('reviews.createDraft')}
            </Button>
          </Group>
          <ErrorAlert error={draft.error} />
        </Stack>
      )}
    </Card>
  );
}
