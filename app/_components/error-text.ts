import { type MessageKey, messages } from '@/lib/i18n/messages';
import { ApiError } from './api';

// A failed request in the screen's language: each server error code has its text (the API's own
// message stays English, for logs and integrators). Anything that is not an answer is the network.
export function errorText(err: unknown, t: (key: MessageKey) => string): string {
  if (err instanceof ApiError) {
    const key = `err_${err.code}`;
    return t(key in messages.sl ? (key as MessageKey) : 'err_internal');
  }
  return t('err_network');
}
