import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers on every answer: a strict Content-Security-Policy (only this origin's own scripts, styles
 * and connections; no framing, no plugins, no <base>), no MIME sniffing, no Referer (invitation
 * links must not leak), no framing, and HSTS in production only (a laptop demo runs over http).
 */
export function securityHeaders(production: boolean) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    strictTransportSecurity: production ? 'max-age=31536000; includeSubDomains' : false,
  });
}

/** API answers are per user and may hold personal data: no cache keeps them. */
export const noStore = createMiddleware(async (context, next) => {
  await next();
  context.res.headers.set('Cache-Control', 'no-store');
});
