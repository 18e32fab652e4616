import { describe, expect, it } from 'vitest';
import { sniffCsvHeader } from '../../src/sources/csv-sniff.js';

const FEED = [
  '#########',
  '# banner line',
  '#',
  '"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"',
  '"2024-03-01 10:00:00","185.220.101.45","443","online","2024-03-15","Emotet"',
  '"2024-03-02 11:30:00","45.142.212.61","8443","offline","2024-03-10","QakBot"',
  '',
].join('\n');

describe('sniffCsvHeader', () => {
  it('skips the # banner and returns the quoted header row', () => {
    expect(sniffCsvHeader(FEED, { byExtension: false, complete: true })).toEqual([
      'first_seen_utc',
      'dst_ip',
      'dst_port',
      'c2_status',
      'last_online',
      'malware',
    ]);
  });

  it('does not take prose with commas for CSV', () => {
    const prose = 'The actor, as before, used 1.2.3.4.\nThen, later, it moved to 5.6.7.8 and, again, back.\n';
    expect(sniffCsvHeader(prose, { byExtension: false, complete: true })).toBeNull();
  });

  it('does not take a headerless list of IPs for a header, even with a .csv name', () => {
    expect(sniffCsvHeader('1.2.3.4,443\n5.6.7.8,80\n', { byExtension: true, complete: true })).toBeNull();
  });

  it('needs matching field counts when sniffing without the extension', () => {
    expect(sniffCsvHeader('ip,port\n1.2.3.4,443,extra\n', { byExtension: false, complete: true })).toBeNull();
    expect(sniffCsvHeader('ip,port\n1.2.3.4,443\n', { byExtension: false, complete: true })).toEqual([
      'ip',
      'port',
    ]);
  });

  it('ignores an incomplete last line of a partial head', () => {
    expect(sniffCsvHeader('ip,port\n1.2.3.4,443\n5.6.7', { byExtension: false, complete: false })).toEqual([
      'ip',
      'port',
    ]);
  });
});

describe('duplicate header names', () => {
  it('suffixes repeated names _2, _3 and skips names the header already has', async () => {
    const { uniqueHeaderNames } = await import('../../src/sources/csv-sniff.js');
    expect(uniqueHeaderNames(['ip', 'ip', 'malware', 'malware', 'ip'])).toEqual([
      'ip',
      'ip_2',
      'malware',
      'malware_2',
      'ip_3',
    ]);
    expect(uniqueHeaderNames(['ip', 'ip', 'ip_2'])).toEqual(['ip', 'ip_3', 'ip_2']);
    expect(
      sniffCsvHeader('ip,ip,malware,malware\n8.8.8.8,9.9.9.9,Emotet,Dridex\n', {
        byExtension: true,
        complete: true,
      }),
    ).toEqual(['ip', 'ip_2', 'malware', 'malware_2']);
  });
});
