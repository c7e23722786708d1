/**
 * The dashboard's sign-in form, sent with the 401 of any dashboard page asked for without a
 * session. No script; its one style sheet is inline (the page's CSP allows only that).
 */

/** The Content-Security-Policy of the sign-in page. */
export const LOGIN_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `body{font:16px/1.4 system-ui,sans-serif;background:#10151c;color:#e8edf2;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#1b232d;padding:2rem;border-radius:8px;display:grid;gap:.8rem;min-width:20rem}
input,button{font:inherit;padding:.5rem;border-radius:4px;border:1px solid #3a4756}
button{background:#2f7bd8;color:#fff;border:0;cursor:pointer}.problem{color:#ff8a80}`;

/**
 * @param action where the form posts, relative to the page's own URL (`dashboard/login` from
 *   /dashboard, `login` from /dashboard/login), so that it works behind a path-prefixing proxy
 * @param problem why the last attempt failed, or why nobody can sign in; fixed text, never the
 *   caller's (neither is escaped)
 */
export function loginPage(action: 'dashboard/login' | 'login', problem: string | null): string {
  return `<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Başvuru paneli: giriş</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><form method="post" action="${action}">
<h1>Başvuru paneli</h1>
<label for="token">Operatör anahtarı (operator token)</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
${problem === null ? '' : `<p class="problem" role="alert">${problem}</p>`}
<button type="submit">Giriş</button>
</form></body></html>
`;
}
