// The dashboard's reminders of the review-and-improve duties: SLA versions I still have to acknowledge, reviews
// due or overdue, and improvement actions past their due date.
import { Alert, Anchor, Button, Card, Group, List, Text, Title } from '@mantine/core';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';

export function AcknowledgeBanner() {
  const { t } = useI18n();
  const mine = useLoad(() => unwrap(api.GET('/api/v1/acknowledgements')), []);
  const n = mine.data?.pending.length ?? 0;
  if (n === 0) return null;
  return (
    <Alert color="blue" variant="light" data-testid="acks-banner">
      <Group justify="space-between">
        <Text size="sm">{t('acks.banner', { n })}</Text>
        <Button component={Link} href="/acknowledgements" size="xs">
          {t('acks.open')}
        </Button>
      </Group>
    </Alert>
  );
}

export function DutiesCard() {
  const { t, locale } = useI18n();
  const due = useLoad(() => unwrap(api.GET('/api/v1/reviews/due')), []);
  const d = due.data;
  if (!d) return null;
  const reviews = d.reviews.filter((r) => r.state !== 'scheduled');
  const actions = d.actions.filter((a) => a.overdue);
  return (
    <Card withBorder data-testid="duties">
      <Title order={2} size="h4" mb="xs">
        {t('reviews.dashboard')}
      </Title>
      {reviews.length === 0 && actions.length === 0 ? (
        <Text size="sm">{t('reviews.dashboardNone')}</Text>
      ) : (
        <List spacing={4} size="sm">
          {reviews.map((r) => (
            <List.Item key={r.slaId}>
              <Anchor component={Link} href="/reviews" size="sm">
                {t('reviews.reviewDue', {
                  sla: r.slaName,
                  state: t(`reviews.state.${r.state}`),
                  date: formatDate(r.nextReviewDate, locale),
                })}
              </Anchor>
            </List.Item>
          ))}
          {actions.map((a) => (
            <List.Item key={a.id}>
              <Anchor component={Link} href="/actions?overdue=true" size="sm">
                {t('reviews.actionOverdue', {
                  title: a.title,
                  date: a.dueDate ? formatDate(a.dueDate, locale) : '',
                })}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
