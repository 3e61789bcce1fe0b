'use client';

import { formatCoord, formatD96, formatElapsed } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { doubtKey } from '@/lib/i18n/messages-partners';
import type { DeviceFix } from '@/lib/live/location-fixes';
import { useUi } from '../_components/i18n';
import { useNow } from '../_components/use-now';

const METHOD_KEY: Record<string, MessageKey> = {
  gnss: 'fixGnss',
  wifi: 'fixWifi',
  cell: 'fixCell',
  hybrid: 'fixHybrid',
  unknown: 'fixUnknown',
  none: 'fixNone',
};

/** How the handset found its position (AML's positioning method), in words. */
function methodLabel(method: string | null, t: (k: MessageKey) => string): string {
  return t(METHOD_KEY[method ?? 'unknown'] ?? 'fixUnknown');
}

// The caller's device location for the number typed, shown apart from the incident's location until
// the call-taker takes it (Alt+L).
export function DeviceFixPanel({ fix, onUse }: { fix: DeviceFix; onUse: () => void }) {
  const { t } = useUi();
  const now = useNow();
  if (fix === undefined) return null;
  return (
    <div className="device-fix" data-testid="device-fix" role="status">
      <strong>{t('deviceLocation')}</strong>
      {fix === null && <div className="muted">{t('deviceNone')}</div>}
      {fix && fix.doubts.length > 0 && (
        <div className="device-doubts" data-testid="device-doubts">
          {t('deviceDoubts')} {fix.doubts.map((d) => t(doubtKey(d))).join('; ')}
        </div>
      )}
      {fix && !fix.position && <div className="muted">{t('deviceNoFix')}</div>}
      {fix?.position && (
        <>
          <div>
            WGS84 {formatCoord(fix.position.lat, fix.position.lon)} · D96/TM {formatD96(fix.position.d96)}
          </div>
          <div className="muted" suppressHydrationWarning>
            ±{fix.accuracyM ?? '?'} m · {methodLabel(fix.method, t)} · {t('deviceAge')}{' '}
            {now ? formatElapsed(fix.fixAt ?? fix.receivedAt, now) : ''}
          </div>
          <button type="button" onClick={onUse} aria-keyshortcuts="Alt+L" data-testid="use-device">
            {t('useDeviceLocation')} <kbd>Alt+L</kbd>
          </button>
        </>
      )}
    </div>
  );
}
