'use client';

import { useCallback, useEffect, useState } from 'react';
import type { AnchorDto } from '@/lib/audit/anchor';
import type { ChainReport } from '@/lib/audit/chain';
import type { ChainStatus } from '@/lib/audit/chain-status';
import { formatStamp } from '@/lib/i18n/format';
import { apiGet, apiSend, newKey } from '../_components/api';
import { fill } from '../_components/domain/words';
import { errorText } from '../_components/error-text';
import { destinationText, shortHash } from '../_components/event-summary';
import { useUi } from '../_components/i18n';

type Report = ChainReport & { anchorFile: string | null };

// The log's protection on the audit screen: whether the server could alter it, the chain's head, where
// anchors go, and the two actions: verify the whole chain, write an anchor now.
export function ChainPanel() {
  const { t } = useUi();
  const [status, setStatus] = useState<ChainStatus | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'verify' | 'anchor' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setStatus(await apiGet<ChainStatus>('/api/audit/chain'));
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  const verify = async () => {
    setBusy('verify');
    setError(null);
    setNotice(null);
    try {
      setReport(await apiGet<Report>('/api/audit/chain/verify'));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };
  const anchor = async () => {
    setBusy('anchor');
    setError(null);
    setNotice(null);
    try {
      const a = await apiSend<AnchorDto>('POST', '/api/audit/anchors', undefined, {
        idempotencyKey: newKey(),
      });
      setNotice(
        [fill(t('chainAnchored'), { seq: a.seq }), ...a.destinations.map((d) => destinationText(d, t))].join(
          ' ',
        ),
      );
      await load();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };

  const p = status?.protection;
  const why = p
    ? [
        p.superuser && t('chainWhySuperuser'),
        p.owner && t('chainWhyOwner'),
        p.canRewrite && t('chainWhyRewrite'),
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const dest = status?.destinations;
  const hasDest = Boolean(dest?.file || dest?.email);
  const last = status?.anchors[0];

  return (
    <section className="panel chain-panel" aria-labelledby="chain-title" data-testid="chain-panel">
      <h2 id="chain-title">{t('chainTitle')}</h2>
      {status && (
        <>
          <p
            className={status.database === 'embedded' || p?.protected ? 'chain-ok' : 'chain-warn'}
            data-testid="chain-protection"
          >
            {status.database === 'embedded'
              ? t('chainEmbedded')
              : withCode(
                  p?.protected ? t('chainProtected') : fill(t('chainUnprotected'), { why }),
                  'role',
                  p?.role ?? '',
                )}
          </p>
          <dl className="chain-facts">
            <dt>{t('chainHead')}</dt>
            <dd>
              {status.head ? (
                <>
                  #{status.head.seq} · {t('chainHash')}{' '}
                  <code title={status.head.hash}>{shortHash(status.head.hash)}</code>
                </>
              ) : (
                t('chainNoEvents')
              )}
            </dd>
            <dt>{t('chainAnchorsTo')}</dt>
            <dd className={hasDest ? undefined : 'chain-warn'}>
              {hasDest ? (
                <>
                  {dest?.file && (
                    <>
                      {t('chainDestFile')} <code>{dest.file}</code> ·{' '}
                    </>
                  )}
                  {dest?.email && (
                    <>
                      {t('chainDestEmail')} <code>{dest.email}</code> ·{' '}
                    </>
                  )}
                  {status.intervalMin > 0
                    ? fill(t('chainEvery'), { min: status.intervalMin })
                    : t('chainOnlyByHand')}
                </>
              ) : (
                t('chainNoDestination')
              )}
            </dd>
            <dt>{t('chainLastAnchor')}</dt>
            <dd>
              {last ? (
                <>
                  {formatStamp(last.at)} · #{last.seq} · <code title={last.hash}>{shortHash(last.hash)}</code>
                </>
              ) : (
                t('chainNoAnchor')
              )}
            </dd>
          </dl>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() => void verify()}
          disabled={busy !== null}
          data-testid="chain-verify"
        >
          {busy === 'verify' ? t('chainVerifying') : t('chainVerify')}
        </button>
        <button
          type="button"
          onClick={() => void anchor()}
          disabled={busy !== null || !hasDest}
          data-testid="chain-anchor"
        >
          {t('chainAnchorNow')}
        </button>
      </div>
      <div aria-live="polite">
        {report && <ChainResult report={report} />}
        {notice && <p className="chain-ok">{notice}</p>}
        {error && (
          <div className="toast err" role="alert">
            {error}
          </div>
        )}
      </div>
    </section>
  );
}

/** A label whose {name} placeholder is an identifier, shown as such. */
function withCode(text: string, name: string, value: string) {
  const [before, after] = text.split(`{${name}}`);
  return (
    <>
      {before}
      <code>{value}</code>
      {after}
    </>
  );
}

function ChainResult({ report }: { report: Report }) {
  const { t, lang } = useUi();
  const locale = lang === 'sl' ? 'sl-SI' : 'en-GB';
  const matched = report.anchors.checked - report.anchors.mismatches.length;
  return (
    <div data-testid="chain-result" data-intact={report.intact}>
      {report.firstBreak ? (
        <p className="chain-bad" role="alert">
          {fill(t('chainBroken'), {
            seq: report.firstBreak.seq,
            reason: t(report.firstBreak.reason === 'content' ? 'chainReasonContent' : 'chainReasonMissing'),
            breaks: report.breaks,
          })}
        </p>
      ) : report.intact ? (
        <p className="chain-ok">
          {fill(t(report.anchors.checked > 0 ? 'chainIntact' : 'chainIntactNoAnchors'), {
            rows: report.rows.toLocaleString(locale),
            anchors: matched,
            s: (report.ms / 1000).toLocaleString(locale, {
              minimumFractionDigits: 1,
              maximumFractionDigits: 1,
            }),
          })}
        </p>
      ) : null}
      {report.anchors.mismatches.map((m) => (
        <p className="chain-bad" role="alert" key={`${m.source}-${m.seq}-${m.hash}`}>
          {fill(t('chainAnchorMismatch'), {
            source: m.source === 'database' ? t('chainSourceDatabase') : m.source,
            seq: m.seq,
            at: m.at ? formatStamp(m.at) : '–',
            found: m.found === null ? t('chainAnchorMissingRow') : t('chainAnchorOtherHash'),
          })}
        </p>
      ))}
    </div>
  );
}
