/**
 * Internal: the SM3 engine, DER and curve plumbing. Not API; may change in any release.
 */
package io.ddc.crypto.sm.internal;
