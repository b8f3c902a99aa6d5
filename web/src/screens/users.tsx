// Users: who may sign in, with which role.
import { Badge, Button, Group, PasswordInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { ConfirmButton, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/format.ts';
import { useCatalog } from '../lib/catalog.ts';
import { useLoad } from '../lib/hooks.ts';

const ROLES = ['admin', 'manager', 'agent', 'customer'] as const;
type Role = (typeof ROLES)[number];
type User = Answer<'/api/v1/users/{id}'>;

export default function Users() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const admin = me?.role === 'admin';
  const list = useLoad(() => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })), []);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const catalog = useCatalog();
  return (
    <>
      <PageHeader title={t('users.title')}>
        {admin && <Button onClick={() => setCreating(true)}>{t('users.new')}</Button>}
      </PageHeader>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {done && (
        <Text role="status" c="var(--mantine-color-green-light-color)" mb="sm">
          {done}
        </Text>
      )}
      {list.data && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.lastLogin')}</Table.Th>
                {admin && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.name}{' '}
                    {u.disabled && (
                      <Badge color="gray" variant="light" tt="none">
                        {t('users.disabled')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    {t(`users.role.${u.role}`)}
                    {u.customerId && ` · ${catalog.data?.customerName(u.customerId) ?? ''}`}
                  </Table.Td>
                  <Table.Td>{formatInstant(u.lastLoginAt, locale)}</Table.Td>
                  {admin && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={`${t('app.edit')}: ${u.email}`}
                          onClick={() => setEditing(u)}
                        >
                          {t('app.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={`${t('users.resetPassword')}: ${u.email}`}
                          onClick={() => setResetting(u)}
                        >
                          {t('users.resetPassword')}
                        </Button>
                        {u.id !== me?.user?.id && (
                          <ConfirmButton
                            size="xs"
                            variant="light"
                            color={u.disabled ? 'blue' : 'red'}
                            question={`${u.disabled ? t('users.enable') : t('users.disable')}: ${u.email}?`}
                            onConfirm={async () => {
                              await unwrap(
                                api.PATCH('/api/v1/users/{id}', {
                                  params: { path: { id: u.id } },
                                  body: { disabled: !u.disabled },
                                }),
                              );
                              list.reload();
                            }}
                          >
                            {u.disabled ? t('users.enable') : t('users.disable')}
                          </ConfirmButton>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewUser opened={creating} onClose={() => setCreating(false)} onCreated={list.reload} />
      {editing && (
        <EditUser
          user={editing}
          customerName={catalog.data?.customerName ?? ((id) => id ?? '')}
          self={editing.id === me?.user?.id}
          onClose={() => setEditing(null)}
          onSaved={list.reload}
        />
      )}
      {resetting && (
        <ResetPassword
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => setDone(t('users.passwordSet', { email: resetting.email }))}
        />
      )}
    </>
  );
}

function NewUser({
  opened,
  onClose,
  onCreated,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: () => void;
}) {
  const { t, locale } = useI18n();
  const catalog = useCatalog();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/users', {
        body: {
          email,
          role,
          locale,
          ...(name ? { name } : {}),
          ...(password ? { password } : {}),
          ...(role === 'customer' ? { customerId } : {}),
        },
      }),
    );
    setEmail('');
    setName('');
    setPassword('');
    onCreated();
    onClose();
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('users.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
    >
      <TextInput
        label={t('users.email')}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <TextInput label={t('app.name_')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <Select
        label={t('users.role')}
        data={ROLES.map((r) => ({ value: r, label: t(`users.role.${r}`) }))}
        value={role}
        onChange={(v) => setRole((v as Role | null) ?? 'agent')}
        allowDeselect={false}
      />
      {role === 'customer' && (
        <Select
          label={t('tickets.customer')}
          required
          data={(catalog.data?.customers ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={customerId}
          onChange={setCustomerId}
        />
      )}
      <PasswordInput
        label={t('users.password')}
        description={t('setup.passwordHint')}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
    </FormModal>
  );
}

/** Name, role and language of a user. A viewer's customer is fixed when the user is created: the API offers no
 * way to move a user to another customer, so the form shows it and says so. */
function EditUser({
  user,
  customerName,
  self,
  onClose,
  onSaved,
}: {
  readonly user: User;
  readonly customerName: (id: string | null | undefined) => string;
  readonly self: boolean;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [language, setLanguage] = useState<'de' | 'en'>(user.locale === 'en' ? 'en' : 'de');
  // A staff user cannot become a customer viewer here: that needs a customer, which only creating sets.
  const roles = user.role === 'customer' ? ROLES : ROLES.filter((r) => r !== 'customer');
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: user.id } },
        body: { name, locale: language, ...(role !== user.role ? { role } : {}) },
      }),
    );
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('users.edit', { email: user.email })}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('app.save')}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('users.role')}
        description={self ? t('users.ownRole') : undefined}
        disabled={self}
        data={roles.map((r) => ({ value: r, label: t(`users.role.${r}`) }))}
        value={role}
        onChange={(v) => setRole((v as Role | null) ?? user.role)}
        allowDeselect={false}
      />
      {user.customerId && (
        <TextInput
          label={t('tickets.customer')}
          description={t('users.customerFixed')}
          value={customerName(user.customerId)}
          readOnly
        />
      )}
      <Select
        label={t('users.language')}
        data={[
          { value: 'de', label: 'Deutsch' },
          { value: 'en', label: 'English' },
        ]}
        value={language}
        onChange={(v) => setLanguage(v === 'en' ? 'en' : 'de')}
        allowDeselect={false}
      />
    </FormModal>
  );
}

/** Sets a new password; the API ends the user's sessions, so they sign in again with it. */
function ResetPassword({
  user,
  onClose,
  onDone,
}: {
  readonly user: User;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body: { password } }),
    );
    onDone();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('users.resetPasswordFor', { email: user.email })}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('users.setPassword')}
    >
      <Text size="sm">{t('users.resetHint')}</Text>
      <PasswordInput
        label={t('users.newPassword')}
        description={t('setup.passwordHint')}
        required
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
    </FormModal>
  );
}
