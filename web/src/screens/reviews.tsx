// SLA reviews: which are due or overdue, the reviews held, and recording one after the meeting with the actions
// agreed (they open in the improvement register).
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer, type Body } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { monthsAgo, today, useStaff } from '../lib/staff.ts';
import { Link, navigate } from '../router.tsx';

type Due = Answer<'/api/v1/reviews/due'>['reviews'][number];
const STATE_COLOR = { scheduled: 'gray', due: 'orange', overdue: 'red' } as const;

export function ReviewState({ state }: { readonly state: Due['state'] }) {
  const { t } = useI18n();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" tt="none">
      {t(`reviews.state.${state}`)}
    </Badge>
  );
}

export default function Reviews() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const due = useLoad(() => unwrap(api.GET('/api/v1/reviews/due')), []);
  const held = useLoad(
    () => unwrap(api.GET('/api/v1/reviews', { params: { query: { status: 'done' } } })),
    [],
  );
  const [recording, setRecording] = useState<string | null>(null);
  return (
    <Stack>
      <PageHeader title={t('reviews.title')}>
        {manage && <Button onClick={() => setRecording('')}>{t('reviews.record')}</Button>}
      </PageHeader>
      <ErrorAlert error={due.error ?? held.error} onRetry={due.reload} />
      <Card withBorder>
        <Text fw={600} mb="sm" component="h2">
          {t('reviews.due')}
        </Text>
        {due.data && due.data.reviews.length === 0 && <Text size="sm">{t('reviews.noneDue')}</Text>}
        {due.data && due.data.reviews.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table fz="sm" striped data-testid="reviews-due">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reviews.sla')}</Table.Th>
                  <Table.Th>{t('reviews.nextDate')}</Table.Th>
                  <Table.Th>{t('reviews.state')}</Table.Th>
                  <Table.Th>{t('app.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {due.data.reviews.map((r) => (
                  <Table.Tr key={r.slaId}>
                    <Table.Td>
                      <Anchor component={Link} href={`/slas/${r.slaId}`} size="sm">
                        {r.slaName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(r.nextReviewDate, locale)}</Table.Td>
                    <Table.Td>
                      <ReviewState state={r.state} />
                    </Table.Td>
                    <Table.Td>
                      {manage && (
                        <Button size="compact-xs" variant="light" onClick={() => setRecording(r.slaId)}>
                          {t('reviews.record')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Card withBorder>
        <Text fw={600} mb="sm" component="h2">
          {t('reviews.held')}
        </Text>
        {held.data && held.data.items.length === 0 && <EmptyState>{t('reviews.noneHeld')}</EmptyState>}
        {held.data && held.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table fz="sm" striped data-testid="reviews-held">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reviews.date')}</Table.Th>
                  <Table.Th>{t('reviews.sla')}</Table.Th>
                  <Table.Th>{t('reviews.period')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {held.data.items.map((item) =>
                  item.review ? (
                    <Table.Tr key={item.review.id}>
                      <Table.Td>
                        <Anchor component={Link} href={`/reviews/${item.review.id}`} size="sm">
                          {formatDate(item.review.date, locale)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{item.slaName}</Table.Td>
                      <Table.Td>
                        {item.review.periodFrom} – {item.review.periodTo}
                      </Table.Td>
                    </Table.Tr>
                  ) : null,
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {recording !== null && <RecordReview slaId={recording} onClose={() => setRecording(null)} />}
    </Stack>
  );
}

interface ActionDraft {
  title: string;
  ownerUserId: string | null;
  dueDate: string;
}

function RecordReview({ slaId, onClose }: { readonly slaId: string; readonly onClose: () => void }) {
  const { t } = useI18n();
  const staff = useStaff();
  const slas = useLoad(
    async () => (await unwrap(api.GET('/api/v1/slas', { params: { query: { limit: 500 } } }))).items,
    [],
  );
  const [form, setForm] = useState({
    slaId,
    date: today(),
    participants: '',
    periodFrom: monthsAgo(3),
    periodTo: monthsAgo(1),
    findings: '',
    decisions: '',
  });
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const set = (field: keyof typeof form, value: string): void => setForm((f) => ({ ...f, [field]: value }));
  const setAction = (i: number, change: Partial<ActionDraft>): void =>
    setActions((list) => list.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const save = useSubmit(async () => {
    const body: Body<'/api/v1/reviews', 'post'> = {
      slaId: form.slaId,
      date: form.date,
      participants: form.participants
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      periodFrom: form.periodFrom,
      periodTo: form.periodTo,
      findings: form.findings,
      decisions: form.decisions,
      actions: actions
        .filter((a) => a.title.trim())
        .map((a) => ({
          title: a.title.trim(),
          ownerUserId: a.ownerUserId,
          dueDate: a.dueDate || null,
        })),
    };
    const review = await unwrap(api.POST('/api/v1/reviews', { body }));
    navigate(`/reviews/${review.id}`);
  });
  const owners = (staff.data?.users ?? []).map((u) => ({ value: u.id, label: u.name || u.email }));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('reviews.record')}
      busy={save.busy}
      error={save.error}
      onSubmit={save.submit}
      submitLabel={t('app.save')}
      size="lg"
    >
      <Select
        label={t('reviews.sla')}
        required
        searchable
        data={(slas.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={form.slaId || null}
        onChange={(v) => set('slaId', v ?? '')}
      />
      <TextInput
        type="date"
        label={t('reviews.date')}
        required
        value={form.date}
        onChange={(e) => set('date', e.currentTarget.value)}
      />
      <Group grow>
        <TextInput
          type="month"
          label={t('reviews.periodFrom')}
          required
          placeholder="2026-09"
          value={form.periodFrom}
          onChange={(e) => set('periodFrom', e.currentTarget.value)}
        />
        <TextInput
          type="month"
          label={t('reviews.periodTo')}
          required
          placeholder="2026-10"
          value={form.periodTo}
          onChange={(e) => set('periodTo', e.currentTarget.value)}
        />
      </Group>
      <Textarea
        label={t('reviews.participants')}
        description={t('reviews.participantsHint')}
        required
        autosize
        minRows={2}
        value={form.participants}
        onChange={(e) => set('participants', e.currentTarget.value)}
      />
      <Textarea
        label={t('reviews.findings')}
        autosize
        minRows={2}
        value={form.findings}
        onChange={(e) => set('findings', e.currentTarget.value)}
      />
      <Textarea
        label={t('reviews.decisions')}
        autosize
        minRows={2}
        value={form.decisions}
        onChange={(e) => set('decisions', e.currentTarget.value)}
      />
      <Text fw={600} size="sm">
        {t('reviews.actionsAgreed')}
      </Text>
      {actions.map((a, i) => (
        <Card withBorder key={i} p="xs">
          <TextInput
            label={t('reviews.actionTitle', { n: i + 1 })}
            value={a.title}
            onChange={(e) => setAction(i, { title: e.currentTarget.value })}
          />
          <Group grow>
            <Select
              label={t('actions.owner')}
              clearable
              data={owners}
              value={a.ownerUserId}
              onChange={(v) => setAction(i, { ownerUserId: v })}
            />
            <TextInput
              type="date"
              label={t('actions.dueDate')}
              value={a.dueDate}
              onChange={(e) => setAction(i, { dueDate: e.currentTarget.value })}
            />
          </Group>
        </Card>
      ))}
      <Button
        variant="light"
        size="xs"
        onClick={() => setActions((list) => [...list, { title: '', ownerUserId: null, dueDate: '' }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('reviews.addAction')}
      </Button>
    </FormModal>
  );
}
