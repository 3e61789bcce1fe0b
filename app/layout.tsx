import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import 'leaflet/dist/leaflet.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/station-alarm.css';
import './styles/call-intake.css';
import './styles/dispatch.css';
import './styles/channels.css';
import './styles/supervision.css';
import './styles/shift.css';
import './styles/domain.css';
import './styles/centres.css';
import { I18nProvider } from './_components/i18n';
import { uiPrefs } from './_lib/session';

// The station's wall tablet installs the app from this manifest (public/), full screen on /station.
export const metadata: Metadata = {
  title: 'CAD 112',
  description: '112 computer-aided dispatch',
  manifest: '/manifest.webmanifest',
  icons: { icon: '/icon.svg', apple: '/icon-192.png' },
  appleWebApp: { capable: true, title: 'CAD 112', statusBarStyle: 'black-translucent' },
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#c4161c' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { lang, theme } = await uiPrefs();
  return (
    <html lang={lang} data-theme={theme}>
      <body>
        <I18nProvider lang={lang} theme={theme}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
