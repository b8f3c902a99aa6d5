// The escalation roster: who is on call and who leads the team, always or during hours; escalation levels that
// notify "on call" or "team lead" reach these people. Staff read it; managers add and remove entries.
import { Button, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { browserTimeZone, TIME_ZONES } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { useStaff, type User } from '../lib/staff.ts';

type Entry = Answer<'/api/v1/escalation-roster'>['entries'][number];
type Role = Entry['role'];
const ROLES: readonly Role[] = ['on_call', 'team_lead'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export default function Roster() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const staff = useStaff();
  const roster = useLoad(() => unwrap(api.GET('/api/v1/escalation-roster')), []);
  const [adding, setAdding] = useState(false);
  const entries = roster.data?.entries ?? [];
  const nameOf = (id: string): string => staff.data?.nameOf(id) ?? id;
  const hours = (h: Record<string, string[]> | undefined): string =>
    h && Object.keys(h).length > 0
      ? Object.entries(h)
          .map(([day, spans]) => `${day}: ${spans.join(', ')}`)
          .join('; ')
      : t('roster.always');
  const save = async (next: readonly Entry[]): Promise<void> => {
    await unwrap(api.PUT('/api/v1/escalation-roster', { body: { entries: [...next] } }));
    roster.reload();
  };
  const add = manage ? <Button onClick={() => setAdding(true)}>{t('roster.add')}</Button> : null;
  return (
    <>
      <PageHeader title={t('roster.title')}>{add}</PageHeader>
      <ErrorAlert error={roster.error} onRetry={roster.reload} />
      {roster.data && entries.length === 0 && <EmptyState action={add}>{t('roster.empty')}</EmptyState>}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roster.role')}</Table.Th>
                <Table.Th>{t('roster.user')}</Table.Th>
                <Table.Th>{t('roster.hours')}</Table.Th>
                <Table.Th>{t('roster.timeZone')}</Table.Th>
                {manage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e, i) => (
                <Table.Tr key={`${e.role}-${e.userId}-${i}`}>
                  <Table.Td>{t(`roster.role.${e.role}`)}</Table.Td>
                  <Table.Td>{nameOf(e.userId)}</Table.Td>
                  <Table.Td>{hours(e.hours)}</Table.Td>
                  <Table.Td>{e.timeZone ?? t('app.none')}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${t('app.delete')}: ${nameOf(e.userId)} (${t(`roster.role.${e.role}`)})`}
                        question={t('app.confirmDelete', { name: nameOf(e.userId) })}
                        onConfirm={() => save(entries.filter((_, j) => j !== i))}
                      >
                        {t('app.delete')}
                      </ConfirmButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && (
        <EntryForm
          users={staff.data?.users ?? []}
          onClose={() => setAdding(false)}
          onAdd={(entry) => save([...entries, entry])}
        />
      )}
    </>
  );
}

function EntryForm({
  users,
  onClose,
  onAdd,
}: {
  readonly users: readonly User[];
  readonly onClose: () => void;
  readonly onAdd: (entry: Entry) => Promise<void>;
}) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('on_call');
  const [userId, setUserId] = useState<string | null>(null);
  const [days, setDays] = useState<Record<string, string>>({});
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const { busy, error, submit } = useSubmit(async () => {
    const hours = Object.fromEntries(
      Object.entries(days)
        .map(
          ([day, spans]) =>
            [
              day,
              spans
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            ] as const,
        )
        .filter(([, spans]) => spans.length > 0),
    );
    const timed = Object.keys(hours).length > 0;
    await onAdd({ role, userId: userId ?? '', ...(timed ? { hours, timeZone } : {}) });
    onClose();
  });
  return (
    <FormModal opened onClose={onClose} title={t('roster.add')} busy={busy} error={error} onSubmit={submit}>
      <Select
        label={t('roster.role')}
        required
        allowDeselect={false}
        data={ROLES.map((r) => ({ value: r, label: t(`roster.role.${r}`) }))}
        value={role}
        onChange={(v) => v && setRole(v as Role)}
      />
      <Select
        label={t('roster.user')}
        required
        searchable
        data={users.map((u) => ({ value: u.id, label: u.name || u.email }))}
        value={userId}
        onChange={setUserId}
      />
      {DAYS.map((day) => (
        <TextInput
          key={day}
          label={t(`roster.day.${day}`)}
          description={day === 'mon' ? t('roster.hoursHint') : undefined}
          placeholder="08:00-18:00"
          value={days[day] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDays((d) => ({ ...d, [day]: value }));
          }}
        />
      ))}
      <Select
        label={t('roster.timeZone')}
        searchable
        allowDeselect={false}
        data={[...TIME_ZONES]}
        value={timeZone}
        onChange={(v) => v && setTimeZone(v)}
      />
    </FormModal>
  );
}
