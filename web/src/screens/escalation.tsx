// Escalation policies: who hears about a ticket or an outage, when, and on which channel.
import {
  Button,
  Fieldset,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
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
import type { Translate } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/hooks.ts';
import { slugOf } from './channels.tsx';

type Policy = Answer<'/api/v1/escalation-policies/{id}'>;
type TriggerKind = 'share' | 'breach' | 'after_breach' | 'outage_start' | 'outage_lasted';
type ActionKind = 'notify_assignee' | 'notify_role' | 'notify_customer_contacts';
const TRIGGERS: readonly TriggerKind[] = ['share', 'breach', 'after_breach', 'outage_start', 'outage_lasted'];
const ACTIONS: readonly ActionKind[] = ['notify_assignee', 'notify_role', 'notify_customer_contacts'];
const ROLES = ['admin', 'manager', 'agent', 'on_call', 'team_lead'] as const;
const MAX_LEVELS = 3;

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

function triggerText(trigger: unknown, t: Translate): string {
  const kind = field(trigger, 'kind');
  const minutes = Number(field(trigger, 'minutes') ?? 0);
  switch (kind) {
    case 'share':
      return t('escalation.when.share', { percent: Math.round(Number(field(trigger, 'share') ?? 0) * 100) });
    case 'before_due':
      return t('escalation.when.before_due', { minutes });
    case 'breach':
      return t('escalation.when.breach');
    case 'after_breach':
      return t('escalation.when.after_breach', { minutes });
    case 'outage_start':
      return t('escalation.when.outage_start');
    case 'outage_lasted':
      return t('escalation.when.outage_lasted', { minutes });
    case 'burn_rate':
      return t('escalation.when.burn_rate');
    case 'budget_spent':
      return t('escalation.when.budget_spent');
    default:
      return String(kind);
  }
}

function actionText(action: unknown, t: Translate): string {
  const kind = field(action, 'kind');
  switch (kind) {
    case 'notify_assignee':
      return t('escalation.who.notify_assignee');
    case 'notify_role': {
      const role = String(field(action, 'role'));
      return (ROLES as readonly string[]).includes(role)
        ? t(`escalation.role.${role as (typeof ROLES)[number]}`)
        : role;
    }
    case 'notify_customer_contacts':
      return t('escalation.who.notify_customer_contacts', { level: Number(field(action, 'level') ?? 1) });
    case 'notify_user':
      return t('escalation.who.notify_user', { user: String(field(action, 'userId')) });
    case 'raise_priority':
      return t('escalation.who.raise_priority');
    case 'reassign':
      return t('escalation.who.reassign', { user: String(field(action, 'userId')) });
    default:
      return String(kind);
  }
}

/** A level in words: "at 75 % of the target → assignee, by Webhook". */
export function levelText(
  level: Record<string, unknown>,
  t: Translate,
  channelName: (id: string) => string,
): string {
  const actions = Array.isArray(level.actions) ? level.actions : [];
  const channels = Array.isArray(level.channels) ? level.channels.map((c) => channelName(String(c))) : [];
  const text = `${triggerText(level.trigger, t)} → ${actions.map((a) => actionText(a, t)).join(', ')}`;
  return channels.length > 0
    ? `${text}, ${t('escalation.by', { channels: channels.join(', ') })}`
    : `${text}, ${t('escalation.byDefault')}`;
}

export default function Escalation() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const list = useLoad(() => unwrap(api.GET('/api/v1/escalation-policies')), []);
  const refs = useLoad(async () => {
    const [slas, services, channels] = await Promise.all([
      unwrap(api.GET('/api/v1/slas', { params: { query: { limit: 500 } } })),
      unwrap(api.GET('/api/v1/services', { params: { query: { limit: 500 } } })),
      manage ? unwrap(api.GET('/api/v1/notification-channels')) : Promise.resolve({ items: [] }),
    ]);
    return { slas: slas.items, services: services.items, channels: channels.items };
  }, [manage]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Policy | null>(null);
  const names = (items: readonly { id: string; name: string }[] | undefined) => {
    const byId = new Map((items ?? []).map((i) => [i.id, i.name]));
    return (id: string): string => byId.get(id) ?? id;
  };
  const channelName = names(refs.data?.channels);
  const slaName = names(refs.data?.slas);
  const serviceName = names(refs.data?.services);
  const add = manage ? <Button onClick={() => setCreating(true)}>{t('escalation.new')}</Button> : null;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('escalation.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error ?? refs.error} onRetry={list.reload} />
      {list.data && items.length === 0 && <EmptyState action={add}>{t('escalation.empty')}</EmptyState>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('escalation.appliesTo')}</Table.Th>
                <Table.Th>{t('escalation.levels')}</Table.Th>
                {manage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((policy: Policy) => (
                <Table.Tr key={policy.id}>
                  <Table.Td>{policy.name}</Table.Td>
                  <Table.Td>
                    {[...policy.slaIds.map(slaName), ...policy.serviceIds.map(serviceName)].join(', ') ||
                      t('app.none')}
                  </Table.Td>
                  <Table.Td>
                    <List type="ordered" size="sm">
                      {policy.levels.map((level, i) => (
                        <List.Item key={i}>{levelText(level, t, channelName)}</List.Item>
                      ))}
                    </List>
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <EditButton name={policy.name} onClick={() => setEditing(policy)} />
                        <DeleteButton
                          name={policy.name}
                          onDelete={async () => {
                            await unwrap(
                              api.DELETE('/api/v1/escalation-policies/{id}', {
                                params: { path: { id: policy.id } },
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
      {manage && (creating || editing) && (
        <PolicyForm
          policy={editing}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
          onSaved={list.reload}
          slas={refs.data?.slas ?? []}
          services={refs.data?.services ?? []}
          channels={refs.data?.channels ?? []}
        />
      )}
    </>
  );
}

interface LevelForm {
  trigger: TriggerKind;
  percent: number | string;
  minutes: number | string;
  action: ActionKind;
  role: string;
  contactLevel: number | string;
  channels: string[];
}

const EMPTY_LEVEL: LevelForm = {
  trigger: 'share',
  percent: 75,
  minutes: 30,
  action: 'notify_assignee',
  role: 'team_lead',
  contactLevel: 1,
  channels: [],
};

function levelOf(form: LevelForm): Record<string, unknown> {
  const trigger =
    form.trigger === 'share'
      ? { kind: 'share', share: Number(form.percent) / 100 }
      : form.trigger === 'after_breach' || form.trigger === 'outage_lasted'
        ? { kind: form.trigger, minutes: Number(form.minutes) }
        : { kind: form.trigger };
  const action =
    form.action === 'notify_role'
      ? { kind: 'notify_role', role: form.role }
      : form.action === 'notify_customer_contacts'
        ? { kind: 'notify_customer_contacts', level: Number(form.contactLevel) }
        : { kind: 'notify_assignee' };
  return { trigger, actions: [action], ...(form.channels.length > 0 ? { channels: form.channels } : {}) };
}

/** A stored level as the form shows it, or null when it uses more than the form offers (repeats, several
 * actions, other triggers): such levels are kept as they are and only name and coverage are edited. */
export function formOfLevel(level: Record<string, unknown>): LevelForm | null {
  const keys = Object.keys(level).filter((k) => k !== 'trigger' && k !== 'actions' && k !== 'channels');
  const actions = Array.isArray(level.actions) ? level.actions : [];
  const trigger = level.trigger;
  const action: unknown = actions[0];
  const triggerKind = field(trigger, 'kind');
  const actionKind = field(action, 'kind');
  if (keys.length > 0 || actions.length !== 1) return null;
  if (!TRIGGERS.includes(triggerKind as TriggerKind) || !ACTIONS.includes(actionKind as ActionKind))
    return null;
  return {
    ...EMPTY_LEVEL,
    trigger: triggerKind as TriggerKind,
    percent:
      triggerKind === 'share' ? Math.round(Number(field(trigger, 'share')) * 100) : EMPTY_LEVEL.percent,
    minutes: Number(field(trigger, 'minutes') ?? EMPTY_LEVEL.minutes),
    action: actionKind as ActionKind,
    role: String(field(action, 'role') ?? EMPTY_LEVEL.role),
    contactLevel: Number(field(action, 'level') ?? EMPTY_LEVEL.contactLevel),
    channels: Array.isArray(level.channels) ? level.channels.map(String) : [],
  };
}

type Named = readonly { readonly id: string; readonly name: string }[];

/** Creates a policy, or changes one when `policy` is given (its id stays). */
function PolicyForm({
  policy,
  onClose,
  onSaved,
  slas,
  services,
  channels,
}: {
  readonly policy: Policy | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
  readonly slas: Named;
  readonly services: Named;
  readonly channels: Named;
}) {
  const { t } = useI18n();
  const stored = policy ? policy.levels.map(formOfLevel) : [];
  const levelsEditable = stored.every((l) => l !== null);
  const [name, setName] = useState(policy?.name ?? '');
  const [slaIds, setSlaIds] = useState<string[]>(policy ? [...policy.slaIds] : []);
  const [serviceIds, setServiceIds] = useState<string[]>(policy ? [...policy.serviceIds] : []);
  const [levels, setLevels] = useState<LevelForm[]>(() =>
    policy && levelsEditable ? stored.filter((l): l is LevelForm => l !== null) : [EMPTY_LEVEL],
  );
  const setLevel = (index: number, change: Partial<LevelForm>): void =>
    setLevels((all) => all.map((l, i) => (i === index ? { ...l, ...change } : l)));
  const { busy, error, submit } = useSubmit(async () => {
    if (policy)
      await unwrap(
        api.PATCH('/api/v1/escalation-policies/{id}', {
          params: { path: { id: policy.id } },
          body: {
            name: name.trim(),
            slaIds,
            serviceIds,
            ...(levelsEditable ? { levels: levels.map(levelOf) } : {}),
          },
        }),
      );
    else
      await unwrap(
        api.POST('/api/v1/escalation-policies', {
          body: { id: slugOf(name), name: name.trim(), levels: levels.map(levelOf), slaIds, serviceIds },
        }),
      );
    onSaved();
    onClose();
  });
  const options = (items: Named) => items.map((i) => ({ value: i.id, label: i.name }));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={policy ? t('escalation.edit', { name: policy.name }) : t('escalation.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={policy ? t('app.save') : undefined}
      size="lg"
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <MultiSelect
        label={t('escalation.slas')}
        description={t('escalation.slasHint')}
        data={options(slas)}
        value={slaIds}
        onChange={setSlaIds}
        searchable
        clearable
      />
      <MultiSelect
        label={t('escalation.services')}
        description={t('escalation.servicesHint')}
        data={options(services)}
        value={serviceIds}
        onChange={setServiceIds}
        searchable
        clearable
      />
      {!levelsEditable && <Text size="sm">{t('escalation.levelsKept')}</Text>}
      {levelsEditable &&
        levels.map((level, i) => (
          <Fieldset key={i} legend={t('escalation.level', { n: i + 1 })}>
            <Stack gap="xs">
              <Group grow align="flex-start">
                <Select
                  label={t('escalation.trigger')}
                  allowDeselect={false}
                  data={TRIGGERS.map((k) => ({ value: k, label: t(`escalation.trigger.${k}`) }))}
                  value={level.trigger}
                  onChange={(v) => v && setLevel(i, { trigger: v as TriggerKind })}
                />
                {level.trigger === 'share' && (
                  <NumberInput
                    label={t('escalation.percent')}
                    min={1}
                    max={100}
                    suffix=" %"
                    value={level.percent}
                    onChange={(v) => setLevel(i, { percent: v })}
                  />
                )}
                {(level.trigger === 'after_breach' || level.trigger === 'outage_lasted') && (
                  <NumberInput
                    label={t('escalation.minutes')}
                    min={1}
                    value={level.minutes}
                    onChange={(v) => setLevel(i, { minutes: v })}
                  />
                )}
              </Group>
              <Group grow align="flex-start">
                <Select
                  label={t('escalation.action')}
                  allowDeselect={false}
                  data={ACTIONS.map((k) => ({ value: k, label: t(`escalation.action.${k}`) }))}
                  value={level.action}
                  onChange={(v) => v && setLevel(i, { action: v as ActionKind })}
                />
                {level.action === 'notify_role' && (
                  <Select
                    label={t('escalation.roleLabel')}
                    allowDeselect={false}
                    data={ROLES.map((r) => ({ value: r, label: t(`escalation.role.${r}`) }))}
                    value={level.role}
                    onChange={(v) => v && setLevel(i, { role: v })}
                  />
                )}
                {level.action === 'notify_customer_contacts' && (
                  <NumberInput
                    label={t('escalation.contactLevel')}
                    min={1}
                    max={9}
                    value={level.contactLevel}
                    onChange={(v) => setLevel(i, { contactLevel: v })}
                  />
                )}
              </Group>
              <MultiSelect
                label={t('escalation.channels')}
                description={t('escalation.channelsHint')}
                data={options(channels)}
                value={level.channels}
                onChange={(v) => setLevel(i, { channels: v })}
                clearable
                searchable
              />
              {levels.length > 1 && (
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setLevels((all) => all.filter((_, j) => j !== i))}
                  >
                    {t('escalation.removeLevel', { n: i + 1 })}
                  </Button>
                </Group>
              )}
            </Stack>
          </Fieldset>
        ))}
      {!levelsEditable ? null : levels.length < MAX_LEVELS ? (
        <Button
          variant="light"
          onClick={() => setLevels((all) => [...all, { ...EMPTY_LEVEL, trigger: 'breach' }])}
        >
          {t('escalation.addLevel')}
        </Button>
      ) : (
        <Text size="sm" c="gray.7">
          {t('escalation.maxLevels', { n: MAX_LEVELS })}
        </Text>
      )}
    </FormModal>
  );
}
