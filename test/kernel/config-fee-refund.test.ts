import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/kernel/config.js';

/** Network-fee refunds (docs/usdt-relay.md § Refund): when they are on, and their figures as exact micros. */
const CHAIN = {
  PICTOR_CHAIN_ID: '31337',
  PICTOR_CHAIN_RPC_URL: 'http://127.0.0.1:8545',
  PICTOR_USDT_ADDRESS: `0x${'11'.repeat(20)}`,
  PICTOR_DEPOSIT_ADDRESS: `0x${'22'.repeat(20)}`,
};
const LIVE = { ...CHAIN, DATABASE_URL: 'postgres://db/pictor' };

describe('network-fee refund settings', () => {
  it('a price of 3,456.789012 USD per ETH and a cap of 2.5 credits are exact micros; the cap defaults to 5 credits', () => {
    const set = loadConfig({
      ...LIVE,
      PICTOR_NATIVE_TOKEN_USD_PRICE: '3456.789012',
      PICTOR_NETWORK_FEE_REFUND_CAP: '2.5',
    });
    expect(set.web3.chain!.feeRefund).toEqual({
      nativeUsdPriceMicros: 3_456_789_012n,
      capMicros: 2_500_000n,
      sandboxPrice: false,
    });
    const defaults = loadConfig({ ...LIVE, PICTOR_NATIVE_TOKEN_USD_PRICE: '3000' });
    expect(defaults.web3.chain!.feeRefund!.capMicros).toBe(5_000_000n);
  });

  it('off without a price outside sandbox mode, off with a relayer (Pictor pays directly), off at a cap of 0', () => {
    expect(loadConfig(LIVE).web3.chain!.feeRefund).toBeUndefined();
    const relayed = loadConfig({
      ...LIVE,
      PICTOR_NATIVE_TOKEN_USD_PRICE: '3000',
      PICTOR_RELAYER_PRIVATE_KEY: `0x${'ab'.repeat(32)}`,
      PICTOR_USDT_EIP712_NAME: 'USD Coin',
    });
    expect(relayed.web3.chain!.relay).toBeDefined();
    expect(relayed.web3.chain!.feeRefund).toBeUndefined();
    const capZero = { ...LIVE, PICTOR_NATIVE_TOKEN_USD_PRICE: '3000', PICTOR_NETWORK_FEE_REFUND_CAP: '0' };
    expect(loadConfig(capZero).web3.chain!.feeRefund).toBeUndefined();
  });

  it('on in sandbox mode (the embedded store, `npm start`) with a chain and no price: the 3,000 USD stand-in, flagged', () => {
    expect(loadConfig(CHAIN).web3.chain!.feeRefund).toEqual({
      nativeUsdPriceMicros: 3_000_000_000n,
      capMicros: 5_000_000n,
      sandboxPrice: true,
    });
  });

  it('a float-looking, negative or over-precise price is refused, naming the variable', () => {
    for (const bad of ['3e3', '-1', '1.0000001', '3,000', ' 3000']) {
      expect(() => loadConfig({ ...LIVE, PICTOR_NATIVE_TOKEN_USD_PRICE: bad })).toThrow(
        /PICTOR_NATIVE_TOKEN_USD_PRICE/,
      );
    }
    expect(() => loadConfig({ ...LIVE, PICTOR_NETWORK_FEE_REFUND_CAP: '5.1234567' })).toThrow(
      /PICTOR_NETWORK_FEE_REFUND_CAP/,
    );
  });
});
