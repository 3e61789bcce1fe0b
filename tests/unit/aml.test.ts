import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { packSeptets, unpackSeptets } from '../../lib/locations/data-sms';
import { amlHmacInput, parseAmlHttps, parseAmlSms } from '../../lib/locations/parse-aml';
import { normalizePhone } from '../../lib/locations/phone';
import { AML_GOOD, amlSms } from '../helpers/aml';

const GOOD = AML_GOOD;

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.fields.map((f) => f.field);
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('AML SMS', () => {
  it('reads a GNSS fix', () => {
    const fix = parseAmlSms(amlSms(GOOD), '+386 41 123 456');
    expect(fix).toMatchObject({
      phone: '+38641123456',
      lat: 46.0514,
      lon: 14.506,
      accuracyM: 15,
      confidencePct: 68,
      method: 'gnss',
    });
    expect(fix.fixAt?.toISOString()).toBe('2026-11-27T14:19:35.000Z');
    expect(fix.imei).toBe('356938035643809');
  });

  it('reads the no-fix forms handsets send: stored without a position and without a doubt', () => {
    for (const patch of [
      { lt: '', lg: '', rd: 'N', pm: 'N' },
      { lt: '', lg: '', rd: '', pm: 'N' },
      { lt: '', lg: '', rd: '0', pm: 'N' },
    ]) {
      const fix = parseAmlSms(amlSms({ ...GOOD, ...patch }), '041123456');
      expect(fix.lat).toBeNull();
      expect(fix.method).toBe('none');
      expect(fix.phone).toBe('+38641123456');
      expect(fix.doubts).toEqual([]);
    }
  });

  // The standard's own example message states ml=124 for a longer text: a length mismatch must not
  // lose the location. It is stored, marked, and the call-taker sees the warning.
  it("stores the standard's example with its ml mismatch, flagged", () => {
    const example =
      'A"ML=1;lt=+55.74317;lg=+013.67165;rd=50;top=20130717141935;lc=90;pm=W;si=123456789012345;ei=1234567890123456;mcc=234;mnc=30;ml=124';
    const fix = parseAmlSms(example, '+447700900123');
    expect(fix).toMatchObject({
      lat: 55.74317,
      lon: 13.67165,
      accuracyM: 50,
      confidencePct: 90,
      method: 'wifi',
    });
    expect(fix.fixAt?.toISOString()).toBe('2013-07-17T14:19:35.000Z');
    expect(fix.doubts).toEqual(['length_mismatch']);
    expect(fix.details).toMatchObject({ ml: '124', length: String(example.length), mcc: '234', mnc: '30' });
  });

  it('a truncated message keeps what it carries and is flagged', () => {
    const full = amlSms(GOOD);
    const cut = parseAmlSms(full.slice(0, 60), '+38641123456');
    expect(cut.lat).toBe(46.0514);
    expect(cut.doubts).toContain('length_missing');
    expect(parseAmlSms(full.replace(';ei=356938035643809', ''), '+38641123456').doubts).toContain(
      'length_mismatch',
    );
  });

  it('accepts version 2 and keeps unknown keys; an unknown version is stored and flagged', () => {
    const v2 = parseAmlSms(
      amlSms({ ...GOOD, ve: '3.1', fl: 'x' }).replace('A"ML=1', 'A"ML=2'),
      '+38641123456',
    );
    expect(v2.doubts).toEqual([]);
    expect(v2.details).toMatchObject({ version: '2', ve: '3.1', fl: 'x' });
    const v9 = parseAmlSms(amlSms(GOOD).replace('A"ML=1', 'A"ML=9'), '+38641123456');
    expect(v9.doubts).toContain('version_unknown');
    expect(v9.lat).toBe(46.0514);
  });

  it.each([
    ['position_unreadable', { lt: 'north' }, { lat: null }],
    ['position_unreadable', { lt: '+91.00000' }, { lat: null }],
    ['position_unreadable', { lg: '+181.00000' }, { lon: null }],
    ['radius_unreadable', { rd: '-5' }, { lat: 46.0514, accuracyM: null }],
    ['time_unreadable', { top: '20261399999999' }, { fixAt: null }],
    ['time_future', { top: '29991231235959' }, { lat: 46.0514 }],
    ['confidence_unreadable', { lc: '150' }, { confidencePct: null }],
    ['method_unknown', { pm: 'X' }, { method: 'unknown' }],
    ['network_unreadable', { mcc: '2x9' }, { lat: 46.0514 }],
    ['device_id_unreadable', { ei: "1'; drop table incidents;--" }, { imei: null }],
  ])('stores a message with a doubtful field and names the doubt %s', (doubt, patch, expected) => {
    const fix = parseAmlSms(amlSms({ ...GOOD, ...patch }), '+38641123456');
    expect(fix.doubts).toContain(doubt);
    expect(fix).toMatchObject(expected);
  });

  it('refuses only what has no caller or no AML: a missing sender, text that is not AML', () => {
    expect(fieldsOf(() => parseAmlSms(amlSms(GOOD), null))).toContain('query.from');
    expect(fieldsOf(() => parseAmlSms('Hello, I need help', '+38641123456'))).toContain('A"ML');
  });
});

describe('AML as a data SMS', () => {
  const text = amlSms(GOOD);
  it.each([
    ['8-bit bytes', Buffer.from(text, 'latin1'), 'data_8bit'],
    ['8-bit as hex', Buffer.from(text, 'latin1').toString('hex'), 'data_8bit'],
    ['8-bit as base64', Buffer.from(text, 'latin1').toString('base64'), 'data_8bit'],
    ['7-bit packed', packSeptets(text), 'data_7bit'],
    ['7-bit packed as hex', packSeptets(text).toString('hex').toUpperCase(), 'data_7bit'],
    [
      '8-bit behind a user-data header',
      Buffer.concat([Buffer.from('0605040b8423f0', 'hex'), Buffer.from(text)]),
      'data_8bit',
    ],
  ])('reads %s', (_name, payload, transport) => {
    const fix = parseAmlSms(payload, '+38641123456');
    expect(fix).toMatchObject({ lat: 46.0514, lon: 14.506, accuracyM: 15 });
    expect(fix.details.transport).toBe(transport);
    expect(fix.doubts).toEqual([]);
  });

  it('packs and unpacks the GSM 7-bit alphabet both ways (TS 23.038)', () => {
    const s = 'A"ML=1;@£$¥_ΔÆ{}[]~€|^\\';
    expect(unpackSeptets(packSeptets(s))).toBe(s);
    // "hellohello" from TS 23.038's example packing: E8 32 9B FD 46 97 D9 EC 37
    expect(unpackSeptets(Buffer.from('E8329BFD4697D9EC37', 'hex'))).toBe('hellohello');
  });
});

describe('AML HTTPS form', () => {
  const form = (patch: Record<string, string> = {}) =>
    new URLSearchParams({
      v: '3',
      device_number: '+38641123456',
      location_latitude: '46.0514',
      location_longitude: '14.506',
      location_time: '1795860000000',
      location_accuracy: '11.8',
      location_source: 'gps',
      location_confidence: '68',
      device_model: 'Pixel 9',
      ...patch,
    });

  it('reads a fix, keeps the accuracy as sent and the extra fields', () => {
    const fix = parseAmlHttps(form().toString());
    expect(fix).toMatchObject({
      phone: '+38641123456',
      lat: 46.0514,
      lon: 14.506,
      accuracyM: 11.8,
      method: 'gps',
      source: 'aml_https',
      doubts: [],
    });
    expect(fix.details.device_model).toBe('Pixel 9');
  });

  it.each([
    ['position_unreadable', { location_latitude: '95' }],
    ['position_unreadable', { location_longitude: 'east' }],
    ['time_unreadable', { location_time: 'yesterday' }],
    ['accuracy_unreadable', { location_accuracy: '-1' }],
  ])('stores a doubtful form and names %s', (doubt, patch) => {
    expect(parseAmlHttps(form(patch).toString()).doubts).toContain(doubt);
  });

  it('refuses a form without the caller’s number', () => {
    expect(fieldsOf(() => parseAmlHttps(form({ device_number: 'abc' }).toString()))).toContain(
      'device_number',
    );
  });

  it('checks the hmac with a shared key: right, wrong, missing', () => {
    const key = 'centre-shared-key-0123456789';
    const body = form().toString();
    const good = createHmac('sha256', key)
      .update(amlHmacInput(`${body}&hmac=x`))
      .digest('hex');
    expect(parseAmlHttps(`${body}&hmac=${good}`, key)).toMatchObject({
      doubts: [],
      details: { hmac: 'verified' },
    });
    const sha1 = createHmac('sha1', key).update(body).digest('hex');
    expect(parseAmlHttps(`${body}&hmac=${sha1}`, key).doubts).toEqual([]);
    expect(parseAmlHttps(`${body}&hmac=${'0'.repeat(64)}`, key).doubts).toEqual(['hmac_mismatch']);
    const unsigned = parseAmlHttps(body, key);
    expect(unsigned.doubts).toEqual(['hmac_missing']);
    expect(unsigned.lat).toBe(46.0514);
    expect(parseAmlHttps(body).doubts).toEqual([]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['+386 41 123 456', '+38641123456'],
    ['041 123 456', '+38641123456'],
    ['0038641123456', '+38641123456'],
    ['(01) 234-5678', '+38612345678'],
    ['112', '112'],
  ])('%s → %s', (raw, norm) => {
    expect(normalizePhone(raw)).toBe(norm);
  });
  it('refuses letters', () => expect(normalizePhone('call me')).toBeNull());
});
