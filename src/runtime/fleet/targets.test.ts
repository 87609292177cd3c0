import { describe, expect, it } from "vitest";
import { expandTarget, expandTargets, TargetError } from "./targets.js";

describe("expandTarget", () => {
  it("takes a single address with the default cgminer port", () => {
    expect(expandTarget("192.0.2.7")).toEqual([{ host: "192.0.2.7", port: 4028 }]);
  });

  it("takes host:port and bracketed IPv6", () => {
    expect(expandTarget("miner-01.site.example:4029")).toEqual([
      { host: "miner-01.site.example", port: 4029 },
    ]);
    expect(expandTarget("[::1]:4028")).toEqual([{ host: "::1", port: 4028 }]);
    expect(expandTarget("[fe80::1]")).toEqual([{ host: "fe80::1", port: 4028 }]);
  });

  it("expands a last-octet range and a full range across octets", () => {
    expect(expandTarget("127.0.1.1-3").map((e) => e.host)).toEqual(["127.0.1.1", "127.0.1.2", "127.0.1.3"]);
    const across = expandTarget("127.0.1.254-127.0.2.1:5000");
    expect(across.map((e) => e.host)).toEqual(["127.0.1.254", "127.0.1.255", "127.0.2.0", "127.0.2.1"]);
    expect(across.every((e) => e.port === 5000)).toBe(true);
  });

  it("expands CIDR without network and broadcast addresses", () => {
    const hosts = expandTarget("10.1.2.0/30").map((e) => e.host);
    expect(hosts).toEqual(["10.1.2.1", "10.1.2.2"]);
    expect(expandTarget("10.1.2.9/32").map((e) => e.host)).toEqual(["10.1.2.9"]);
    expect(expandTarget("10.1.2.0/24")).toHaveLength(254);
  });

  it("refuses a huge range with a clear message instead of allocating it", () => {
    expect(() => expandTarget("10.0.0.0/8")).toThrow(TargetError);
    expect(() => expandTarget("10.0.0.0/8")).toThrow(
      /expands to 16777214 addresses, more than the limit of 65536/,
    );
    expect(expandTarget("10.0.0.0/15", { maxTargets: 200_000 })).toHaveLength(131_070);
  });

  it("names the bad part of a target", () => {
    expect(() => expandTarget("127.0.0.1:70000")).toThrow(
      'target "127.0.0.1:70000": port 70000 is outside 1-65535',
    );
    expect(() => expandTarget("10.0.0.0/40")).toThrow(/prefix length "40" must be 0-32/);
    expect(() => expandTarget("10.0.0.9-3")).toThrow(/range end is before its start/);
    expect(() => expandTarget("bad host!")).toThrow(/not a host name/);
    expect(() => expandTarget("")).toThrow(/empty target/);
  });
});

describe("expandTargets", () => {
  it("removes duplicates and keeps order", () => {
    const eps = expandTargets(["127.0.1.2", "127.0.1.1-3", "127.0.1.2:4028"]);
    expect(eps.map((e) => e.host)).toEqual(["127.0.1.2", "127.0.1.1", "127.0.1.3"]);
  });

  it("caps the total across targets", () => {
    expect(() => expandTargets(["10.0.0.0/24", "10.0.1.0/24"], { maxTargets: 300 })).toThrow(
      /add up to more than 300 endpoints/,
    );
  });
});
