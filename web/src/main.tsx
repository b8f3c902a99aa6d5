import '@mantine/core/styles.css';
import './app.css';
import { createTheme, MantineProvider, Modal, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { AuthProvider } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';

// Mantine's dimmed grey and light-variant colours fall just short of WCAG AA on white; darker shades pass.
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-9)',
    '--mantine-color-grape-light-color': 'var(--mantine-color-grape-9)',
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-green-light-color': '#1f6e35',
    '--mantine-color-yellow-light-color': '#6e4400',
    '--mantine-color-orange-light-color': '#8a3300',
  },
  dark: {},
});

/** Mantine with the app's theme; the theme carries translated labels for the widgets' own buttons. */
function Themed({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const close = t('app.close');
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: 'blue',
        primaryShade: 8,
        defaultRadius: 'md',
        components: { Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': close } } }) },
      }),
    [close],
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={contrast}>
      {children}
    </MantineProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <Themed>
          <AuthProvider>
            <App />
          </AuthProvider>
        </Themed>
      </I18nProvider>
    </StrictMode>,
  );
}
