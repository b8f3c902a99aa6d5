import { SegmentedControl } from '@mantine/core';
import { useI18n, type Locale } from '../i18n/i18n.tsx';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={locale}
      onChange={(value) => setLocale(value as Locale)}
      data={[
        { value: 'en', label: 'EN' },
        { value: 'de', label: 'DE' },
      ]}
    />
  );
}
