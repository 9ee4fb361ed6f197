import ssh2 from 'ssh2';
import { describeConnectorContract } from '../sdk/contract';
import { ediSftpConnector } from '.';

const PASSPHRASE = 'contract-passphrase';
const clientKey = ssh2.utils.generateKeyPairSync('ed25519', {
  passphrase: PASSPHRASE,
  cipher: 'aes256-ctr',
  rounds: 8,
});
const hostKey = ssh2.utils.generateKeyPairSync('ed25519').public;

const validConfig = () => ({
  host: '127.0.0.1',
  username: 'partner',
  privateKey: clientKey.private,
  passphrase: PASSPHRASE,
  hostKey,
  inboundDir: 'inbound',
  outboundDir: 'outbound',
});

describeConnectorContract(ediSftpConnector, {
  validConfig,
  // Port 1 (tcpmux): nothing listens there, and no test server can take it between choosing and connecting, as
  // it could a port freePort() just released.
  unreachableConfig: () => ({ ...validConfig(), port: 1, connectTimeoutMs: 5_000 }),
  invalidConfigs: [
    { name: 'a missing host', config: { ...validConfig(), host: undefined }, path: '/host' },
    { name: 'a port given as text', config: { ...validConfig(), port: '22' }, path: '/port' },
    { name: 'a port out of range', config: { ...validConfig(), port: 70000 }, path: '/port' },
    { name: 'a misspelt field', config: { ...validConfig(), hots: 'x' }, path: '/hots' },
    { name: 'a missing host key', config: { ...validConfig(), hostKey: undefined }, path: '/hostKey' },
    {
      name: 'a DSA host key',
      config: { ...validConfig(), hostKey: 'ssh-dss AAAAB3NzaC1kc3M=' },
      path: '/hostKey',
    },
    {
      name: 'a password as private key',
      config: { ...validConfig(), privateKey: 'hunter2' },
      path: '/privateKey',
    },
    { name: 'an empty inbound directory', config: { ...validConfig(), inboundDir: '' }, path: '/inboundDir' },
    {
      name: 'zero retry attempts',
      config: { ...validConfig(), retry: { maximumAttempts: 0 } },
      path: '/retry/maximumAttempts',
    },
    {
      name: 'an unknown retry field',
      config: { ...validConfig(), retry: { jitter: true } },
      path: '/retry/jitter',
    },
  ],
});
