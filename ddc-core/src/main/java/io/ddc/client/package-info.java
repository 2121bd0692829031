/**
 * The application facade: {@link io.ddc.client.DdcClient}, one account acting on one
 * {@link io.ddc.ledger.Ledger} with its {@link io.ddc.sign.Signer}, which builds, signs and submits
 * requests (origin, nonces, items, metadata kept for proofs, retries) so that an application issues
 * certificates in one call each. The request API of {@link io.ddc.model} stays for everything else.
 */
package io.ddc.client;
