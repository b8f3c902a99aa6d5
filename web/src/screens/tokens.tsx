// API tokens for scripts and a helpdesk's webhook; the secret is shown once.
import { Alert, Badge, Button, Code, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';

export default function Tokens() {
  const { t, locale } = useI18n();
  const list = useLoad(() => unwrap(api.GET('/api/v1/tokens')), []);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const add = <Button onClick={() => setCreating(true)}>{t('tokens.new')}</Button>;
  return (
    <>
      <PageHeader title={t('tokens.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {secret && (
        <Alert
          color="green"
          mb="md"
          withCloseButton
          onClose={() => setSecret(null)}
          closeButtonLabel={t('app.close')}
        >
          {t('tokens.secret')} <Code>{secret}</Code>
        </Alert>
      )}
      {list.data && list.data.items.length === 0 && <EmptyState action={add}>{t('tokens.empty')}</EmptyState>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('tokens.prefix')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                <Table.Th>{t('tokens.expires')}</Table.Th>
                <Table.Th>{t('app.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Td>{tok.name}</Table.Td>
                  <Table.Td>
                    <Code>{tok.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{t(`users.role.${tok.role}`)}</Table.Td>
                  <Table.Td>{formatInstant(tok.lastUsedAt, locale)}</Table.Td>
                  <Table.Td>{formatInstant(tok.expiresAt, locale)}</Table.Td>
                  <Table.Td>
                    {tok.revokedAt ? (
                      <Badge color="gray" variant="light" tt="none">
                        {t('tokens.revoked')}
                      </Badge>
                    ) : (
                      <ConfirmButton
                        size="xs"
                        variant="light"
                        color="red"
                        question={`${t('tokens.revoke')}: ${tok.name}?`}
                        onConfirm={async () => {
                          await unwrap(
                            api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: tok.id } } }),
                          );
                          list.reload();
                        }}
                      >
                        {t('tokens.revoke')}
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewToken
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setSecret(token);
          list.reload();
        }}
      />
    </>
  );
}

function NewToken({
  opened,
  onClose,
  onCreated,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: (token: string) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const created = await unwrap(api.POST('/api/v1/tokens', { body: { name } }));
    setName('');
    onCreated(created.token);
    onClose();
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('tokens.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
    </FormModal>
  );
}
