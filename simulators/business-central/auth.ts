/** The Microsoft Entra ID client-credentials token endpoint and the bearer-token check of the API routes. */
import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { BcHttpError } from './odata';
import type { BcSimSettings } from './settings';

interface IssuedToken {
  id: string;
  expiresAt: number;
  generation: number;
}

/** Mounts `POST /{tenantId}/oauth2/v2.0/token` (form-encoded, grant_type=client_credentials). */
export function tokenRoute(router: Router, sim: Simulator<BcSimSettings>): void {
  router.post(/^\/([^/]+)\/oauth2\/v2\.0\/token$/, (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const s = sim.settings;
    const fail = (status: number, error: string, description: string) =>
      res.status(status).json({ error, error_description: description, error_codes: [7000215] });
    if (req.params[0] !== s.tenantId) {
      fail(400, 'invalid_request', `AADSTS90002: Tenant '${String(req.params[0])}' not found.`);
      return;
    }
    if (form.grant_type !== 'client_credentials') {
      fail(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
      return;
    }
    if (form.client_id !== s.clientId || form.client_secret !== s.clientSecret) {
      fail(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
      return;
    }
    const id = randomBytes(24).toString('base64url');
    sim.store.collection<IssuedToken>('tokens').put(id, {
      id,
      expiresAt: Date.now() + s.tokenTtlSeconds * 1000,
      generation: s.tokenGeneration,
    });
    res.json({
      token_type: 'Bearer',
      expires_in: s.tokenTtlSeconds,
      ext_expires_in: s.tokenTtlSeconds,
      access_token: id,
    });
  });
}

/** Throws the BC 401 unless the request carries a live bearer token of the current generation. */
export function requireToken(sim: Simulator<BcSimSettings>, authorization: string | undefined): void {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  const issued = token ? sim.store.collection<IssuedToken>('tokens').get(token) : undefined;
  if (!issued || issued.expiresAt <= Date.now() || issued.generation !== sim.settings.tokenGeneration) {
    throw new BcHttpError(401, 'The credentials provided are incorrect', 'Authentication_InvalidCredentials');
  }
}
