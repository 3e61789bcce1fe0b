'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventFrame } from '@/lib/events/catalogue';
import { formatCoord, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { LocationFixDto } from '@/lib/locations/location-fix-dto';
import type { ConversationDto } from '@/lib/messages/conversation-dto';
import { apiGet, apiSend, newKey } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import { useRealtime } from '../_components/use-realtime';
import type { PageUser } from '../_lib/page-props';

const QUICK_REPLIES = [
  'Kaj se je zgodilo?',
  'Kje ste? Napišite naslov in kraj.',
  'Je kdo poškodovan? Koliko oseb?',
  'Pomoč je na poti.',
  'What happened?',
  'Where are you? Write the address and town.',
  'Is anyone hurt? How many people?',
  'Help is on the way.',
];

// The written channels' inbox: 112 e-mail (and SMS 112). New messages arrive live; a call-taker takes a
// conversation, answers it, or turns it into an incident (the call form opens prefilled).
export function Inbox({ user }: { user: PageUser }) {
  const { t } = useUi();
  const [filter, setFilter] = useState<'open' | 'mine' | 'all'>('open');
  const [list, setList] = useState<ConversationDto[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [current, setCurrent] = useState<ConversationDto | null>(null);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const replyKey = useRef(newKey());
  const [fix, setFix] = useState<LocationFixDto | null>(null);

  const loadList = useCallback(async () => {
    const q = filter === 'mine' ? 'status=open&mine=true' : `status=${filter}`;
    setList(await apiGet<ConversationDto[]>(`/api/messages?${q}`));
  }, [filter]);
  const loadCurrent = useCallback(async (id: number | null) => {
    setCurrent(id === null ? null : await apiGet<ConversationDto>(`/api/messages/${id}`));
  }, []);

  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const onEvent = useCallback(
    (f: EventFrame) => {
      if (f.type === 'message.received' || f.type === 'message.sent' || f.type === 'conversation.updated') {
        void loadList();
        const id = f.data.conversation.id;
        if (id === selectedRef.current) void loadCurrent(id);
      }
    },
    [loadList, loadCurrent],
  );
  const { state } = useRealtime(onEvent, loadList);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  // SMS 112: the device location (AML) of the same number, when the network sent one.
  const smsNumber = current?.channel === 'sms' ? current.counterpart : null;
  useEffect(() => {
    setFix(null);
    if (!smsNumber) return;
    apiGet<LocationFixDto[]>(`/api/location-fixes?phone=${encodeURIComponent(smsNumber)}`)
      .then((list) => setFix(list.find((f) => f.position) ?? null))
      .catch(() => {});
  }, [smsNumber]);
  useEffect(() => {
    void loadCurrent(selected);
    setReply('');
    setError(null);
    replyKey.current = newKey();
  }, [selected, loadCurrent]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await Promise.all([loadList(), loadCurrent(selected)]);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const claim = () =>
    act(() => apiSend('POST', `/api/messages/${selected}/claim`, {}, { idempotencyKey: newKey() }));
  const send = () =>
    act(async () => {
      await apiSend(
        'POST',
        `/api/messages/${selected}/reply`,
        { text: reply },
        { idempotencyKey: replyKey.current },
      );
      setReply('');
      replyKey.current = newKey();
    });

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/inbox" />
      <main className="main inbox-main">
        <section className="panel" aria-labelledby="inbox-title">
          <h2 id="inbox-title">
            {t('inbox')}{' '}
            <select
              aria-label={t('filterStatus')}
              value={filter}
              onChange={(e) => setFilter(e.target.value as 'open' | 'mine' | 'all')}
              data-testid="inbox-filter"
            >
              <option value="open">{t('inboxOpen')}</option>
              <option value="mine">{t('inboxMine')}</option>
              <option value="all">{t('all')}</option>
            </select>
          </h2>
          {list.length === 0 && <p className="muted">{t('inboxEmpty')}</p>}
          <div className="list" role="listbox" aria-label={t('inbox')} data-testid="inbox-list">
            {list.map((c) => (
              <div
                key={c.id}
                role="option"
                tabIndex={0}
                aria-selected={c.id === selected}
                className="board-item inbox-item"
                data-status={c.status}
                data-testid={`conversation-${c.id}`}
                onClick={() => setSelected(c.id)}
                onKeyDown={(e) => e.key === 'Enter' && setSelected(c.id)}
              >
                <div className="title">
                  <span>
                    <span className="chip">{c.channel === 'email' ? t('channelEmail') : 'SMS'}</span>{' '}
                    {c.counterpart}
                  </span>
                  <span className="timer">{formatTime(c.lastMessageAt)}</span>
                </div>
                <div>
                  <strong>{c.subject || t('noSubject')}</strong>
                </div>
                <div className="muted snippet">{c.last?.text.slice(0, 140)}</div>
                <div className="muted">
                  {t(`conv_${c.status}` as MessageKey)}
                  {c.claimedByName ? ` · ${c.claimedByName}` : ''}
                </div>
              </div>
            ))}
          </div>
        </section>
        <section className="panel" aria-labelledby="conv-title" data-testid="conversation">
          {!current && <p className="muted">{t('inboxPick')}</p>}
          {current && (
            <>
              <h2 id="conv-title">
                {current.subject || t('noSubject')}{' '}
                <span className="muted">
                  · {current.counterpart} · {t(`conv_${current.status}` as MessageKey)}
                  {current.claimedByName ? ` · ${current.claimedByName}` : ''}
                </span>
              </h2>
              <div className="actions">
                {current.claimedBy !== user.id && (
                  <button type="button" onClick={claim} disabled={busy} data-testid="claim">
                    {t('claim')}
                  </button>
                )}
                {current.incidentId === null ? (
                  <a className="button" href={`/call?message=${current.id}`} data-testid="to-incident">
                    {t('createIncidentFromMessage')}
                  </a>
                ) : (
                  <span className="chip" data-testid="linked-incident">
                    {t('linkedIncident')} {current.incidentNumber ?? `#${current.incidentId}`}
                  </span>
                )}
              </div>
              {error && (
                <div className="toast err" role="alert">
                  {error}
                </div>
              )}
              {fix?.position && (
                <div className="toast" data-testid="sms-aml">
                  {t('deviceLocation')}: {formatCoord(fix.position.lat, fix.position.lon)}
                  {fix.accuracyM !== null ? ` ±${fix.accuracyM} m` : ''} ·{' '}
                  {formatTime(fix.fixAt ?? fix.receivedAt)}
                </div>
              )}
              <ol className="thread" data-testid="thread">
                {current.messages?.map((m) => (
                  <li key={m.id} className={`bubble bubble-${m.direction}`} data-direction={m.direction}>
                    <div className="muted">
                      {m.direction === 'in' ? m.from : `${m.authorName ?? ''} → ${m.to}`} · {formatTime(m.at)}
                      {m.deliveryStatus && m.direction === 'out'
                        ? ` · ${t(`deliv_${m.deliveryStatus}` as MessageKey) ?? m.deliveryStatus}`
                        : ''}
                    </div>
                    {/* Text only: the sanitised HTML is kept on the server, nothing remote is loaded. */}
                    <div className="bubble-text">{m.text}</div>
                    {m.attachments.length > 0 && (
                      <ul className="attachments" aria-label={t('attachments')}>
                        {m.attachments.map((a) => (
                          <li key={`${a.name}-${a.size}`}>
                            {a.name}{' '}
                            <span className="muted">
                              ({a.type}, {Math.ceil(a.size / 1024)} kB — {t('notOpened')})
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
              <form
                className="reply"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reply.trim()) void send();
                }}
              >
                <label htmlFor="reply">{t('reply')}</label>
                {/* The protocol's first questions, in both languages (the writer may use either). */}
                <div className="quick-replies" data-testid="quick-replies">
                  {QUICK_REPLIES.map((q) => (
                    <button
                      key={q}
                      type="button"
                      className="quick-reply"
                      onClick={() => setReply((r) => (r ? `${r} ${q}` : q))}
                    >
                      {q}
                    </button>
                  ))}
                </div>
                <textarea
                  id="reply"
                  rows={4}
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.ctrlKey && reply.trim()) {
                      e.preventDefault();
                      void send();
                    }
                  }}
                  data-testid="reply-text"
                />
                <button
                  type="submit"
                  className="primary reply-send"
                  disabled={busy || !reply.trim()}
                  data-testid="send-reply"
                >
                  {t('send')} <kbd>Ctrl+Enter</kbd>
                </button>
              </form>
            </>
          )}
        </section>
      </main>
    </div>
  );
}
