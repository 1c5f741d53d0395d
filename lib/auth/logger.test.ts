import { AccessDenied, CredentialsSignin, JWTSessionError } from '@auth/core/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInThrottledError } from './credentials';
import { authLogger } from './logger';

describe('authLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('skips refused credentials (authorizeCredentials logs them, without the e-mail)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    authLogger.error!(new CredentialsSignin());
    authLogger.error!(new SignInThrottledError());
    expect(error).not.toHaveBeenCalled();
  });

  it('logs every other problem as one line, without a stack trace', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Auth.js wraps the cause like this itself (its types only admit a string).
    authLogger.error!(new JWTSessionError(new Error('Invalid Compact JWE\n    at decode (jwt.js:1:1)') as never));
    authLogger.error!(new AccessDenied('AccessDenied'));
    expect(error.mock.calls.map((c) => c.join(' '))).toEqual([
      '[auth] JWTSessionError: (cause: Invalid Compact JWE)',
      '[auth] AccessDenied: AccessDenied.',
    ]);
  });
});
