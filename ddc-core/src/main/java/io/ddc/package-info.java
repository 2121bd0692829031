/**
 * ddc: distributed digital certificates. This module grows with the Merkle log, the token
 * model, the ledgers and offline proofs; for now it only ties the build to ddc-sm-crypto.
 */
package io.ddc;
