// A message that outlives a reload of the window: after a restore everything shown is stale, so the app
// reloads itself and says afterwards what happened. Kept in sessionStorage (this window only).

const KEY = 'lotsenbuero.notice';

export function rememberNotice(message: string): void {
  try {
    sessionStorage.setItem(KEY, message);
  } catch {
    // Without storage the message is lost; the reload still happens.
  }
}

/** The remembered message, once: it is removed as it is read. */
export function takeNotice(): string | null {
  try {
    const message = sessionStorage.getItem(KEY);
    if (message !== null) sessionStorage.removeItem(KEY);
    return message;
  } catch {
    return null;
  }
}

/** Reloads the whole window; an object, so the tests can replace it. */
export const restart = {
  reload: (): void => {
    location.reload();
  },
};
