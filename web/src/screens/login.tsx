import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useAuth } from '../auth.tsx';
import { ErrorAlert, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function Login() {
  const { t } = useI18n();
  const { login, expired } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(() => login(email, password));
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void submit();
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={onSubmit} aria-label={t('login.title')}>
          <Stack>
            <Group justify="space-between">
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <LanguageSwitch />
            </Group>
            {expired && (
              <Alert color="yellow" role="status">
                {t('login.expired')}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              required
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              required
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <ErrorAlert error={error} />
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
