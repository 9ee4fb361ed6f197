import { describe, expect, it } from 'vitest';
import { ediSftpConnector } from './edi-sftp';
import { getConnectorType, listConnectorTypes } from './registry';

describe('registry', () => {
  it('lists each connector type once and finds it by type', () => {
    const types = listConnectorTypes().map((m) => m.type);
    expect(types).toContain('edi-x12-sftp');
    expect(new Set(types).size).toBe(types.length);
    expect(getConnectorType('edi-x12-sftp')).toBe(ediSftpConnector);
  });

  it('answers undefined for an unknown type', () => {
    expect(getConnectorType('sap-by-carrier-pigeon')).toBeUndefined();
  });
});
