// On a ticket that missed a target: the reasons recorded, and (for staff) recording one per missed target.
import { Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { ErrorAlert, useSubmit } from './common.tsx';

type Ticket = Answer<'/api/v1/tickets/{id}'>;
type Target = Ticket['clocks'][number]['metric'];

function targetKey(target: Target): 'clock.first_response' | 'clock.resolution' | 'clock.update' {
  return `clock.${target}`;
}

export function BreachReasonsCard({
  ticket,
  canRecord,
  onRecorded,
}: {
  readonly ticket: Ticket;
  readonly canRecord: boolean;
  readonly onRecorded: () => void;
}) {
  const { t, locale } = useI18n();
  const missed = ticket.clocks.filter((c) => c.state === 'breached' || c.breachedAt !== null);
  const categories = useLoad(
    async () =>
      canRecord && missed.length > 0 ? (await unwrap(api.GET('/api/v1/breach-reasons'))).items : [],
    [canRecord, missed.length > 0],
  );
  const [target, setTarget] = useState<Target | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const chosen = target ?? missed[0]?.metric ?? null;
  const record = useSubmit(async () => {
    if (!chosen || !reason) return;
    await unwrap(
      api.PUT('/api/v1/tickets/{id}/breach-reasons/{target}', {
        params: { path: { id: ticket.id, target: chosen } },
        body: { reason, note: note.trim() || null },
      }),
    );
    setNote('');
    onRecorded();
  });
  if (missed.length === 0 && ticket.breachReasons.length === 0) return null;
  return (
    <Card withBorder data-testid="breach-reasons">
      <Title order={2} size="h4" mb="sm">
        {t('breach.title')}
      </Title>
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('breach.recorded')}
        </Text>
        {ticket.breachReasons.length === 0 && <Text size="sm">{t('breach.none')}</Text>}
        {ticket.breachReasons.map((r) => (
          <div key={r.target} data-target={r.target}>
            <Text size="sm">
              <b>{t(targetKey(r.target))}:</b> {r.label[locale]}
              {r.note ? ` – ${r.note}` : ''}
            </Text>
            <Text size="xs" c="gray.7">
              {t('breach.by', { at: formatInstant(r.recordedAt, locale) })}
            </Text>
          </div>
        ))}
        {canRecord && missed.length > 0 && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void record.submit();
            }}
          >
            <Stack gap="xs" mt="sm">
              <Group grow align="flex-start">
                <Select
                  label={t('breach.target')}
                  allowDeselect={false}
                  data={missed.map((c) => ({ value: c.metric, label: t(targetKey(c.metric)) }))}
                  value={chosen}
                  onChange={(v) => setTarget(v as Target | null)}
                />
                <Select
                  label={t('breach.reason')}
                  required
                  data={(categories.data ?? [])
                    .filter((c) => c.active)
                    .map((c) => ({ value: c.code, label: c.label[locale] }))}
                  value={reason}
                  onChange={setReason}
                />
              </Group>
              <Textarea
                label={t('breach.note')}
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              <ErrorAlert error={record.error ?? categories.error} />
              <Group>
                <Button type="submit" loading={record.busy} disabled={!reason}>
                  {t('breach.record')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
