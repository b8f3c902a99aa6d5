// Users: who may sign in, with which role.
import { Badge, Button, PasswordInput, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { ConfirmButton, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/format.ts';
import { useCatalog } from '../lib/catalog.ts';
import { useLoad } from '../lib/hooks.ts';

const ROLES = ['admin', 'manager', 'agent', 'customer'] as const;
type Role = (typeof ROLES)[number];

export default function Users() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const admin = me?.role === 'admin';
  const list = useLoad(() => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })), []);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('users.title')}>
        {admin && <Button onClick={() => setCreating(true)}>{t('users.new')}</Button>}
      </PageHeader>
      <ErrorAlert error={list.error} onRetry={list.reload} />
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
                  <Table.Td>{t(`users.role.${u.role}`)}</Table.Td>
                  <Table.Td>{formatInstant(u.lastLoginAt, locale)}</Table.Td>
                  {admin && (
                    <Table.Td>
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
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewUser opened={creating} onClose={() => setCreating(false)} onCreated={list.reload} />
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
