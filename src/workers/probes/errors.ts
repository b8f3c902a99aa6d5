/** Node's certificate verification codes, with what they mean to the person reading a check result. */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown issuer',
  CERT_UNTRUSTED: 'untrusted certificate',
  CERT_SIGNATURE_FAILURE: 'bad certificate signature',
  CERT_REVOKED: 'certificate revoked',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
};

const NETWORK_PROBLEMS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ECONNABORTED: 'connection aborted',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EADDRNOTAVAIL: 'address not available',
  EPROTO: 'TLS protocol error',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is this port TLS?)',
  HPE_INVALID_CONSTANT: 'invalid HTTP response',
  HPE_INVALID_STATUS: 'invalid HTTP status line',
  HPE_HEADER_OVERFLOW: 'HTTP response headers too large',
};

/** "certificate not trusted (self-signed certificate)" for a verification code, or undefined. */
export function describeCertificateProblem(code: string): string | undefined {
  const problem = CERTIFICATE_PROBLEMS[code];
  if (problem === undefined) return undefined;
  if (
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    code === 'CERT_HAS_EXPIRED' ||
    code === 'CERT_NOT_YET_VALID'
  ) {
    return problem;
  }
  return `certificate not trusted (${problem})`;
}

/** Turns an error of a socket, a request or a child process into a short message for people. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') {
    const certificate = describeCertificateProblem(code);
    if (certificate !== undefined) return certificate;
    const host = (error as { hostname?: unknown }).hostname;
    if ((code === 'ENOTFOUND' || code === 'EAI_AGAIN') && typeof host === 'string') {
      return `${NETWORK_PROBLEMS[code]}: ${host} (${code})`;
    }
    const network = NETWORK_PROBLEMS[code];
    if (network !== undefined) return `${network} (${code})`;
    return `${error.message} (${code})`;
  }
  return error.message;
}
