// First run: the one-time token from the server's start-up message creates the first admin.
import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { ErrorAlert, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { browserTimeZone, TIME_ZONES } from '../lib/format.ts';
import { navigate } from '../router.tsx';
import { HOLIDAY_REGIONS } from './regions.ts';

export function Setup({ token: linkToken, onDone }: { readonly token: string; readonly onDone: () => void }) {
  const { t, locale } = useI18n();
  const [token, setToken] = useState(linkToken);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [companyName, setCompanyName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const [holidayRegion, setHolidayRegion] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/setup', {
        body: {
          token,
          email,
          password,
          locale,
          timeZone,
          ...(name ? { name } : {}),
          ...(companyName ? { companyName } : {}),
          ...(holidayRegion ? { holidayRegion } : {}),
        },
      }),
    );
    setDone(true);
  });
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void submit();
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={480}>
        <Stack>
          <Group justify="space-between">
            <Title order={1} size="h2">
              {t('setup.title')}
            </Title>
            <LanguageSwitch />
          </Group>
          {done ? (
            <>
              <Alert color="green" role="status">
                {t('setup.done')}
              </Alert>
              <Button
                onClick={() => {
                  navigate('/', { replace: true });
                  onDone();
                }}
              >
                {t('login.submit')}
              </Button>
            </>
          ) : (
            <form onSubmit={onSubmit} aria-label={t('setup.title')}>
              <Stack>
                <Text>{t('setup.intro')}</Text>
                {!linkToken && (
                  <TextInput
                    label={t('setup.token')}
                    description={t('setup.tokenHint')}
                    required
                    value={token}
                    onChange={(e) => setToken(e.currentTarget.value)}
                  />
                )}
                <TextInput
                  label={t('setup.email')}
                  type="email"
                  required
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                />
                <TextInput
                  label={t('setup.name')}
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <PasswordInput
                  label={t('setup.password')}
                  description={t('setup.passwordHint')}
                  required
                  minLength={12}
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <TextInput
                  label={t('setup.company')}
                  autoComplete="organization"
                  value={companyName}
                  onChange={(e) => setCompanyName(e.currentTarget.value)}
                />
                <Select
                  label={t('setup.timeZone')}
                  data={[...TIME_ZONES]}
                  searchable
                  value={timeZone}
                  onChange={(v) => setTimeZone(v ?? browserTimeZone())}
                />
                <Select
                  label={t('setup.holidayRegion')}
                  data={HOLIDAY_REGIONS.map((r) => ({ value: r.code, label: r.label[locale] }))}
                  searchable
                  clearable
                  value={holidayRegion}
                  onChange={setHolidayRegion}
                />
                <ErrorAlert error={error} />
                <Button type="submit" loading={busy}>
                  {t('setup.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
