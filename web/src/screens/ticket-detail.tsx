// One ticket: its clocks (live), their timelines, its history, and logging what happened.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Answer, type Body } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { BreachReasonsCard } from '../components/breach-reasons.tsx';
import { ClockBadge, ClockTimeline, clockLabel, type Clock } from '../components/clocks.tsx';
import { ErrorAlert, useSubmit } from '../components/common.tsx';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { useCatalog, type Catalog } from '../lib/catalog.ts';
import { formatInstant } from '../lib/format.ts';
import { useLive, useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';
import { statusText } from './tickets.tsx';

type TicketEvent = Answer<'/api/v1/tickets/{id}/events'>['items'][number];
type EventKind = 'reply' | 'status' | 'priority' | 'note' | 'resolved' | 'closed' | 'reopened';
const KINDS: readonly EventKind[] = ['reply', 'status', 'priority', 'note', 'resolved', 'closed', 'reopened'];
const STATUSES = ['new', 'in progress', 'waiting for customer'] as const;

export default function TicketDetail({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'] ?? '';
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const catalog = useCatalog();
  const ticket = useLoad(() => unwrap(api.GET('/api/v1/tickets/{id}', { params: { path: { id } } })), [id]);
  const events = useLoad(
    () => unwrap(api.GET('/api/v1/tickets/{id}/events', { params: { path: { id } } })),
    [id],
  );
  const reload = (): void => {
    ticket.reload();
    events.reload();
  };
  useLive((event) => {
    if (event.entityId === id || event.data?.ticketId === id) reload();
  });
  const data = ticket.data;
  const slaId = data?.sla?.slaId;
  const slaName = useLoad(
    async () =>
      slaId ? (await unwrap(api.GET('/api/v1/slas/{id}', { params: { path: { id: slaId } } }))).name : null,
    [slaId],
  );
  return (
    <Stack>
      <Anchor component={Link} href="/tickets" size="sm">
        ← {t('ticket.back')}
      </Anchor>
      <ErrorAlert error={ticket.error} onRetry={reload} />
      {data && (
        <>
          <Group justify="space-between" align="flex-start">
            <Title order={1} size="h2">
              #{data.number} {data.title}
            </Title>
            <Group gap="xs">
              <Badge size="lg" variant="outline" tt="none">
                {data.priority}
              </Badge>
              <Badge size="lg" variant="light" tt="none" data-testid="ticket-status">
                {statusText(data.status, t)}
              </Badge>
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Fact label={t('tickets.customer')} value={catalog.data?.customerName(data.customerId) ?? ''} />
            <Fact label={t('tickets.service')} value={catalog.data?.serviceName(data.serviceId) ?? '—'} />
            <Fact label={t('tickets.created')} value={formatInstant(data.createdAt, locale)} />
            <div>
              <Text size="xs" c="gray.7">
                {t('tickets.sla')}
              </Text>
              {data.sla ? (
                <Anchor component={Link} href={`/slas/${data.sla.slaId}`}>
                  {slaName.data ?? data.sla.slaId} · {t('slas.version', { v: data.sla.version })}
                </Anchor>
              ) : (
                <Text>{t('tickets.noSla')}</Text>
              )}
            </div>
          </SimpleGrid>
          {data.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{data.description}</Text>}
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('tickets.clocks')}
            </Title>
            {data.clocks.length === 0 ? (
              <Text>{t('clock.none')}</Text>
            ) : (
              <Stack>
                {data.clocks.map((clock) => (
                  <ClockRow key={clock.id} clock={clock} />
                ))}
              </Stack>
            )}
          </Card>
          <BreachReasonsCard ticket={data} canRecord={!!me && me.role !== 'customer'} onRecorded={reload} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('ticket.addEvent')}
              </Title>
              {catalog.data && <EventForm ticketId={id} catalog={catalog.data} onLogged={reload} />}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('ticket.events')}
              </Title>
              <ErrorAlert error={events.error} />
              {events.data && events.data.items.length === 0 && <Text>{t('ticket.noEvents')}</Text>}
              {events.data && (
                <Timeline bulletSize={14} lineWidth={2} active={events.data.items.length}>
                  {[...events.data.items].reverse().map((event) => (
                    <Timeline.Item key={event.seq} title={eventTitle(event, t)}>
                      {event.body && (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {event.body}
                        </Text>
                      )}
                      <Text size="xs" c="gray.7">
                        {formatInstant(event.at, locale)}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Fact({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

function ClockRow({ clock }: { readonly clock: Clock }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <ClockBadge clock={clock} />
        <Button
          size="xs"
          variant="subtle"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-label={`${open ? t('ticket.hideTimeline') : t('ticket.showTimeline')}: ${t(clockLabel(clock))}`}
        >
          {open ? t('ticket.hideTimeline') : t('ticket.showTimeline')}
        </Button>
      </Group>
      <Collapse in={open}>{open && <ClockTimeline clock={clock} />}</Collapse>
    </Stack>
  );
}

function eventTitle(event: TicketEvent, t: Translate): string {
  switch (event.type) {
    case 'status':
      return t('ticket.eventStatus', { status: statusText(event.status ?? '', t) });
    case 'priority':
      return t('ticket.eventPriority', { priority: event.priority ?? '' });
    case 'reply': {
      const author = t(event.author === 'customer' ? 'ticket.author.customer' : 'ticket.author.agent');
      return t(event.public === false ? 'ticket.eventReplyInternal' : 'ticket.eventReply', { author });
    }
    default:
      return t(`ticket.kind.${event.type}`);
  }
}

function EventForm({
  ticketId,
  catalog,
  onLogged,
}: {
  readonly ticketId: string;
  readonly catalog: Catalog;
  readonly onLogged: () => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<EventKind>('reply');
  const [author, setAuthor] = useState<'agent' | 'customer'>('agent');
  const [isPublic, setPublic] = useState(true);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<string>('in progress');
  const [priority, setPriority] = useState<string | null>(null);
  const [logged, setLogged] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    const event: Body<'/api/v1/tickets/{id}/events', 'post'> =
      kind === 'reply'
        ? { type: 'reply', author, public: isPublic, ...(body ? { body } : {}) }
        : kind === 'status'
          ? { type: 'status', status }
          : kind === 'priority'
            ? { type: 'priority', priority: priority ?? '' }
            : kind === 'note'
              ? { type: 'note', body }
              : { type: kind };
    await unwrap(
      api.POST('/api/v1/tickets/{id}/events', { params: { path: { id: ticketId } }, body: event }),
    );
    setBody('');
    setLogged(true);
    onLogged();
  });
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    setLogged(false);
    void submit();
  };
  return (
    <form onSubmit={onSubmit}>
      <Stack>
        <Select
          label={t('ticket.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`ticket.kind.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as EventKind | null) ?? 'reply')}
          allowDeselect={false}
        />
        {kind === 'reply' && (
          <>
            <Select
              label={t('ticket.author')}
              data={[
                { value: 'agent', label: t('ticket.author.agent') },
                { value: 'customer', label: t('ticket.author.customer') },
              ]}
              value={author}
              onChange={(v) => setAuthor(v === 'customer' ? 'customer' : 'agent')}
              allowDeselect={false}
            />
            <Checkbox
              label={t('ticket.public')}
              checked={isPublic}
              onChange={(e) => setPublic(e.currentTarget.checked)}
            />
          </>
        )}
        {(kind === 'reply' || kind === 'note') && (
          <Textarea
            label={t('ticket.body')}
            autosize
            minRows={2}
            required={kind === 'note'}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
        )}
        {kind === 'status' && (
          <>
            <Select
              label={t('ticket.newStatus')}
              description={t('ticket.waitingHint')}
              data={STATUSES.map((s) => ({ value: s, label: t(`ticket.status.${s}`) }))}
              value={STATUSES.includes(status as (typeof STATUSES)[number]) ? status : null}
              onChange={(v) => v && setStatus(v)}
              allowDeselect={false}
            />
            <TextInput
              label={`${t('ticket.newStatus')} (${t('app.edit')})`}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value)}
            />
          </>
        )}
        {kind === 'priority' && (
          <Select
            label={t('ticket.newPriority')}
            required
            data={catalog.priorities.priorities.map((p) => ({ value: p.id, label: `${p.id} ${p.name}` }))}
            value={priority}
            onChange={setPriority}
          />
        )}
        <ErrorAlert error={error} />
        {logged && !error && (
          <Text size="sm" role="status" c="var(--mantine-color-green-light-color)">
            {t('ticket.logged')}
          </Text>
        )}
        <Button type="submit" loading={busy}>
          {t('ticket.submitEvent')}
        </Button>
      </Stack>
    </form>
  );
}
