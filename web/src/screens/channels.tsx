// Notification channels: where escalation notices go (webhook, e-mail, ntfy), with a test send per channel.
import {
  Alert,
  Button,
  Code,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import {
  DeleteButton,
  EditButton,
  EmptyState,
  ErrorAlert,
  PageHeader,
  useSubmit,
} from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/hooks.ts';

type Channel = Answer<'/api/v1/notification-channels/{id}'>;
type Kind = 'webhook' | 'email' | 'ntfy';
const KINDS: readonly Kind[] = ['webhook', 'email', 'ntfy'];

/** An id for a name: lower-case letters, digits and "-", as policies refer to it. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug === '' ? `id-${Date.now().toString(36)}` : slug;
}

/** The stored settings in one line; the API has already masked the secrets. */
function configText(config: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>))
        parts.push(`${key}.${inner}: ${String(v)}`);
    } else parts.push(`${key}: ${String(value)}`);
  }
  return parts.join(', ');
}

export default function Channels() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const list = useLoad(() => unwrap(api.GET('/api/v1/notification-channels')), []);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [testing, setTesting] = useState<Channel | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const runTest = useSubmit(async (channel: Channel, to?: string) => {
    setResult(null);
    const r = await unwrap(
      api.POST('/api/v1/notification-channels/{id}/test', {
        params: { path: { id: channel.id } },
        body: to ? { to } : {},
      }),
    );
    const detail = r.ok ? (r.detail ?? '') : (r.error ?? r.detail ?? '');
    setResult({
      ok: r.ok,
      text: t(r.ok ? 'channels.testOk' : 'channels.testFailed', { name: channel.name, detail }),
    });
  });
  const add = manage ? <Button onClick={() => setCreating(true)}>{t('channels.new')}</Button> : null;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('channels.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ErrorAlert error={runTest.error} />
      {result && (
        <Alert
          color={result.ok ? 'green' : 'red'}
          mb="md"
          role="status"
          data-testid="channel-test-result"
          withCloseButton
          onClose={() => setResult(null)}
          closeButtonLabel={t('app.close')}
        >
          {result.text}
        </Alert>
      )}
      {list.data && items.length === 0 && <EmptyState action={add}>{t('channels.empty')}</EmptyState>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('channels.id')}</Table.Th>
                <Table.Th>{t('channels.kind')}</Table.Th>
                <Table.Th>{t('channels.config')}</Table.Th>
                {manage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((channel) => (
                <Table.Tr key={channel.id}>
                  <Table.Td>{channel.name}</Table.Td>
                  <Table.Td>
                    <Code>{channel.id}</Code>
                  </Table.Td>
                  <Table.Td>{t(`channels.kind.${channel.kind}`)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{configText(channel.config)}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          loading={runTest.busy}
                          aria-label={`${t('channels.test')}: ${channel.name}`}
                          onClick={() =>
                            channel.kind === 'email' || channel.kind === 'sms'
                              ? setTesting(channel)
                              : void runTest.submit(channel)
                          }
                        >
                          {t('channels.test')}
                        </Button>
                        <EditButton name={channel.name} onClick={() => setEditing(channel)} />
                        <DeleteButton
                          name={channel.name}
                          onDelete={async () => {
                            await unwrap(
                              api.DELETE('/api/v1/notification-channels/{id}', {
                                params: { path: { id: channel.id } },
                              }),
                            );
                            list.reload();
                          }}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(creating || editing) && (
        <ChannelForm
          channel={editing}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
          onSaved={list.reload}
        />
      )}
      <TestRecipient
        channel={testing}
        onClose={() => setTesting(null)}
        onSend={async (channel, to) => {
          setTesting(null);
          await runTest.submit(channel, to);
        }}
      />
    </>
  );
}

function TestRecipient({
  channel,
  onClose,
  onSend,
}: {
  readonly channel: Channel | null;
  readonly onClose: () => void;
  readonly onSend: (channel: Channel, to: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { me } = useAuth();
  const [to, setTo] = useState(me?.user?.email ?? '');
  return (
    <FormModal
      opened={channel !== null}
      onClose={onClose}
      title={channel ? `${t('channels.test')}: ${channel.name}` : ''}
      busy={false}
      error={undefined}
      submitLabel={t('channels.send')}
      onSubmit={() => (channel ? onSend(channel, to.trim()) : undefined)}
    >
      <TextInput
        label={channel?.kind === 'sms' ? t('channels.recipientPhone') : t('channels.recipient')}
        type={channel?.kind === 'sms' ? 'tel' : 'email'}
        required
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
      />
    </FormModal>
  );
}

interface Form {
  name: string;
  kind: Kind;
  url: string;
  secret: string;
  host: string;
  port: number | string;
  from: string;
  user: string;
  password: string;
}

const EMPTY: Form = {
  name: '',
  kind: 'webhook',
  url: '',
  secret: '',
  host: '',
  port: 587,
  from: '',
  user: '',
  password: '',
};

function configOf(form: Form): Record<string, unknown> {
  switch (form.kind) {
    case 'webhook':
      return { url: form.url.trim(), ...(form.secret ? { secret: form.secret } : {}) };
    case 'ntfy':
      return { url: form.url.trim() };
    case 'email':
      return {
        host: form.host.trim(),
        port: Number(form.port),
        from: form.from.trim(),
        ...(form.user.trim() ? { auth: { user: form.user.trim(), password: form.password } } : {}),
      };
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A stored channel as the form shows it. Secrets arrive masked; sent back unchanged, the server keeps them. */
function formOf(channel: Channel): Form | null {
  const c = channel.config;
  const auth = typeof c.auth === 'object' && c.auth !== null ? (c.auth as Record<string, unknown>) : {};
  switch (channel.kind) {
    case 'webhook':
      return { ...EMPTY, name: channel.name, kind: 'webhook', url: text(c.url), secret: text(c.secret) };
    case 'ntfy':
      return { ...EMPTY, name: channel.name, kind: 'ntfy', url: text(c.url) };
    case 'email':
      return {
        ...EMPTY,
        name: channel.name,
        kind: 'email',
        host: text(c.host),
        port: typeof c.port === 'number' ? c.port : EMPTY.port,
        from: text(c.from),
        user: text(auth.user),
        password: text(auth.password),
      };
    default:
      return null;
  }
}

/** The settings after an edit: what the form holds over what was stored, so settings the form does not show
 * (extra webhook headers set through the API) survive; a cleared secret or login is removed. */
function editedConfig(channel: Channel, form: Form): Record<string, unknown> {
  const config: Record<string, unknown> = { ...channel.config, ...configOf(form) };
  if (form.kind === 'webhook' && !form.secret) delete config.secret;
  if (form.kind === 'email' && !form.user.trim()) delete config.auth;
  return config;
}

/** Creates a channel, or changes one when `channel` is given (its id and kind stay). Chat and SMS channels,
 * set up through the API, can only be renamed here: their settings have no form yet. */
function ChannelForm({
  channel,
  onClose,
  onSaved,
}: {
  readonly channel: Channel | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const stored = channel ? formOf(channel) : EMPTY;
  const [form, setForm] = useState<Form>(stored ?? { ...EMPTY, name: channel?.name ?? '' });
  const set = <K extends keyof Form>(key: K, value: Form[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));
  const { busy, error, submit } = useSubmit(async () => {
    if (channel)
      await unwrap(
        api.PATCH('/api/v1/notification-channels/{id}', {
          params: { path: { id: channel.id } },
          body: { name: form.name.trim(), ...(stored ? { config: editedConfig(channel, form) } : {}) },
        }),
      );
    else
      await unwrap(
        api.POST('/api/v1/notification-channels', {
          body: { id: slugOf(form.name), name: form.name.trim(), kind: form.kind, config: configOf(form) },
        }),
      );
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={channel ? t('channels.edit', { name: channel.name }) : t('channels.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={channel ? t('app.save') : undefined}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
      />
      {channel === null && (
        <Select
          label={t('channels.kind')}
          required
          allowDeselect={false}
          data={KINDS.map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))}
          value={form.kind}
          onChange={(v) => v && set('kind', v as Kind)}
        />
      )}
      {channel !== null && stored === null && <Text size="sm">{t('channels.onlyName')}</Text>}
      {channel !== null && stored !== null && <Text size="sm">{t('channels.secretsKept')}</Text>}
      {stored !== null && form.kind === 'webhook' && (
        <>
          <TextInput
            label={t('channels.url')}
            type="url"
            required
            value={form.url}
            onChange={(e) => set('url', e.currentTarget.value)}
          />
          <PasswordInput
            label={t('channels.secret')}
            description={t('channels.secretHint')}
            value={form.secret}
            onChange={(e) => set('secret', e.currentTarget.value)}
          />
        </>
      )}
      {stored !== null && form.kind === 'ntfy' && (
        <TextInput
          label={t('channels.topicUrl')}
          type="url"
          required
          placeholder="https://ntfy.sh/my-topic"
          value={form.url}
          onChange={(e) => set('url', e.currentTarget.value)}
        />
      )}
      {stored !== null && form.kind === 'email' && (
        <>
          <TextInput
            label={t('channels.host')}
            required
            value={form.host}
            onChange={(e) => set('host', e.currentTarget.value)}
          />
          <NumberInput
            label={t('channels.port')}
            required
            min={1}
            max={65535}
            value={form.port}
            onChange={(v) => set('port', v)}
          />
          <TextInput
            label={t('channels.from')}
            required
            placeholder="Pledge <pledge@example.com>"
            value={form.from}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
          <TextInput
            label={t('channels.user')}
            autoComplete="off"
            value={form.user}
            onChange={(e) => set('user', e.currentTarget.value)}
          />
          <PasswordInput
            label={t('channels.password')}
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => set('password', e.currentTarget.value)}
          />
        </>
      )}
    </FormModal>
  );
}
