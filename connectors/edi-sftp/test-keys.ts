/** Test keys: ssh2 now and then (about 3 in 1,000) writes an ed25519 private key it cannot read back itself. */
import ssh2 from 'ssh2';

/** A fresh ed25519 key pair whose private key ssh2 reads back. */
export function readableKeyPair(): { private: string; public: string } {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
}
