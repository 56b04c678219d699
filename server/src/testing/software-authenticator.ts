import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * For tests: a passkey authenticator in software, answering the options the
 * emulator puts in a verification's `nonce` as a platform authenticator would
 * (an ES256 key, user present and verified, "none" attestation), and encoding
 * the credential as clerk-js sends it (base64url JSON). Standard WebAuthn, so
 * the emulator's @simplewebauthn/server checks it as it checks a browser's.
 */
interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId: string;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
// User present, user verified; with attested credential data at registration.
const FLAGS_UP_UV = 0x05;
const FLAG_AT = 0x40;

export interface SoftwarePasskey {
  credentialId: Buffer;
  privateKey: KeyObject;
  userHandle: string;
  rpId: string;
  counter: number;
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** `navigator.credentials.create` for the options of `POST /v1/me/passkeys`; the credential JSON and the authenticator's passkey. */
export function createPasskey(optionsJson: string, origin: string): { credential: string; passkey: SoftwarePasskey } {
  const options = JSON.parse(optionsJson) as CreationOptions;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const coseKey = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  const credentialId = randomBytes(16);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    sha256(options.rp.id),
    Buffer.from([FLAGS_UP_UV | FLAG_AT]),
    counterBytes(0),
    Buffer.alloc(16), // AAGUID: none
    idLength,
    credentialId,
    Buffer.from(isoCBOR.encode(coseKey)),
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]) as never,
  );
  const credential = {
    type: 'public-key',
    id: b64url(credentialId),
    rawId: b64url(credentialId),
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: b64url(clientData('webauthn.create', options.challenge, origin)),
      attestationObject: b64url(attestationObject),
      transports: ['internal'],
    },
  };
  return {
    credential: JSON.stringify(credential),
    passkey: { credentialId, privateKey, userHandle: options.user.id, rpId: options.rp.id, counter: 0 },
  };
}

/** `navigator.credentials.get` for a sign-in's `nonce`: signs with the passkey's key, or with `signWith` to forge. */
export function assertPasskey(passkey: SoftwarePasskey, optionsJson: string, origin: string, signWith: KeyObject = passkey.privateKey): string {
  const options = JSON.parse(optionsJson) as RequestOptions;
  passkey.counter += 1;
  const authData = Buffer.concat([sha256(options.rpId), Buffer.from([FLAGS_UP_UV]), counterBytes(passkey.counter)]);
  const clientDataJSON = clientData('webauthn.get', options.challenge, origin);
  const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), signWith);
  return JSON.stringify({
    type: 'public-key',
    id: b64url(passkey.credentialId),
    rawId: b64url(passkey.credentialId),
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: passkey.userHandle,
    },
  });
}

/** Another key, for a forged signature. */
export const otherKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
