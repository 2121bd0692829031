package io.ddc.ledger;

import io.ddc.engine.StateLayout;
import io.ddc.engine.KvState;
import io.ddc.DdcException;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.engine.Engine;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Account;
import io.ddc.model.AccountLeaf;
import io.ddc.model.Ddc;
import io.ddc.model.Hash;
import io.ddc.model.StateLeaf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The ledger's checks of its store against the store's own hashes and the rules: the cheap one
 * run at every open ({@link #verifyOpen}) and the full audit ({@link #audit}). Both only read.
 */
final class Audit {
  private final TreeHasher hasher;
  private final Engine engine;

  Audit(TreeHasher hasher, Engine engine) {
    this.hasher = hasher;
    this.engine = engine;
  }

  /** See {@link Ledger#verifyOpen}. */
  void verifyOpen(StoreReads store, NoteKey checkpointKey) throws DdcException {
    long size = store.eventCount();
    KvState s = StoreValues.state(store);
    Optional<String> origin = s.origin();
    if (checkpointKey != null && origin.isPresent() && !origin.get().equals(checkpointKey.name())) {
      throw new LedgerMismatchException(LedgerMismatchException.Reason.WRONG_ORIGIN, "this ledger's origin is \""
          + origin.get() + "\" (its ledger.init), but the checkpoint signer was given \""
          + checkpointKey.name() + "\"");
    }
    if (s.eventCount() != size) {
      throw new LedgerCorruptException("the state records " + s.eventCount() + " applied events, but the store "
          + "holds " + size + " (a torn write?)");
    }
    MerkleLog log = MerkleLog.open(hasher, new TreeTiles(store, StoreReads.LOG_TREE), size);
    long from = Math.max(0, size - 256);
    List<byte[]> tail = store.events(from, size);
    for (int i = 0; i < tail.size(); i++) {
      if (!Arrays.equals(hasher.leafHash(tail.get(i)), log.leafHash(from + i))) {
        throw new LedgerCorruptException("event " + (from + i) + " does not match its leaf hash in the log");
      }
    }
    Optional<String> cp = Checkpointer.latest(store);
    if (cp.isPresent()) {
      verifyCheckpoint(store, cp.get(), log, checkpointKey, true);
    }
  }

  private void verifyCheckpoint(StoreReads store, String note, MerkleLog log, NoteKey key, boolean latest)
      throws DdcException {
    Checkpoint c;
    try {
      c = key == null ? Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), hasher.digestLength())
          : Checkpoints.verify(note, List.of(key), List.of(), StoreValues.state(store).origin().orElse(""),
              hasher.digestLength());
    } catch (CheckpointException e) {
      if (e.reason() == CheckpointException.Reason.MISSING_REQUIRED_SIGNATURE) {
        throw new LedgerMismatchException(LedgerMismatchException.Reason.WRONG_CHECKPOINT_KEY, String.format(
            "the checkpoint signer's key (%s, key ID %08x) did not sign this ledger's latest checkpoint: open it "
                + "with the Operator key that signs its checkpoints (%s)", key.name(), key.keyId(),
            e.getMessage()));
      }
      throw new LedgerCorruptException("the stored checkpoint does not verify: " + e.getMessage());
    }
    if (c.size() > log.size()) {
      throw new LedgerCorruptException("checkpoint of size " + c.size() + " but the log holds " + log.size()
          + " events (events lost?)");
    }
    byte[] root = log.root(c.size());
    if (!Arrays.equals(root, c.rootHash())) {
      throw new LedgerCorruptException("checkpoint " + c.size() + " has log root "
          + Hash.of(c.rootHash()) + " but the stored log gives " + Hash.of(root));
    }
    if (latest && c.size() == log.size()) {
      for (String ext : c.extensions()) {
        String[] p = ext.split(" ");
        boolean st = p[0].equals(Ledger.STATE_LINE);
        if ((st || p[0].equals(Ledger.ACCOUNTS_LINE)) && p.length == 3) {
          long n = Long.parseLong(p[1]);
          byte[] want = Base64.getDecoder().decode(p[2]);
          byte[] got = new StateTree(hasher, store, st ? StoreReads.STATE_TREE : StoreReads.ACCOUNT_TREE).root(n);
          if (!Arrays.equals(want, got)) {
            throw new LedgerCorruptException("checkpoint " + c.size() + " has " + p[0] + " root " + Hash.of(want)
                + " but the stored " + p[0] + " tree gives " + Hash.of(got));
          }
        }
      }
    }
  }

  /** See {@link Ledger#audit}. */
  void audit(StoreReads store) throws DdcException {
    long size = store.eventCount();
    MerkleLog stored = MerkleLog.open(hasher, new TreeTiles(store, StoreReads.LOG_TREE), size);
    Replay replay = new Replay(engine, hasher);
    for (long from = 0; from < size; from += 4096) {
      replay.add(store.events(from, Math.min(size, from + 4096)));
    }
    replay.finish();
    if (!Arrays.equals(replay.logRoot(), stored.root())) {
      throw new LedgerCorruptException("the log root from the events is " + Hash.of(replay.logRoot())
          + " but the stored tiles give " + Hash.of(stored.root()));
    }
    Map<String, String> want = replay.state();
    Map<String, String> have = new java.util.TreeMap<>();
    store.scan("").forEach((k, v) -> {
      if (!StorageLayout.isSideKey(k)) {
        have.put(k, v);
      }
    });
    if (!want.equals(have)) {
      for (String k : new TreeSet<String>(union(want.keySet(), have.keySet()))) {
        if (!Objects.equals(want.get(k), have.get(k))) {
          throw new LedgerCorruptException("state key " + k + " is " + have.get(k) + " but replay gives "
              + want.get(k));
        }
      }
    }
    StateTree tree = new StateTree(hasher, store);
    StateTree fresh = new StateTree(hasher, new io.ddc.ledger.internal.WriteBuffer(EmptyReads.INSTANCE));
    Map<Long, byte[]> leaves = new HashMap<>();
    KvState stored2 = StoreValues.state(store);
    for (long id = 1; id <= stored2.latestDdcId(); id++) {
      Ddc d = stored2.ddc(id).get();
      leaves.put(id - 1, hasher.leafHash(StateLeaf.bytes(d, stored2.holders(id))));
    }
    fresh.update(leaves, stored2.latestDdcId());
    if (!Arrays.equals(fresh.root(stored2.latestDdcId()), tree.root(stored2.latestDdcId()))) {
      throw new LedgerCorruptException("the stored state tree root does not match the state leaves");
    }
    Map<Long, byte[]> accountLeaves = new HashMap<>();
    for (String v : store.scan(StateLayout.ACCOUNT_PREFIX).values()) {
      Account a = KvState.decodeAccount(v);
      accountLeaves.put(a.index(), hasher.leafHash(AccountLeaf.bytes(a)));
    }
    long accounts = stored2.accountCount();
    if (accountLeaves.size() != accounts) {
      throw new LedgerCorruptException("the state holds " + accountLeaves.size() + " accounts but counts " + accounts);
    }
    StateTree freshAccounts = new StateTree(hasher, new io.ddc.ledger.internal.WriteBuffer(EmptyReads.INSTANCE),
        StoreReads.ACCOUNT_TREE);
    freshAccounts.update(accountLeaves, accounts);
    if (!Arrays.equals(freshAccounts.root(accounts),
        new StateTree(hasher, store, StoreReads.ACCOUNT_TREE).root(accounts))) {
      throw new LedgerCorruptException("the stored account tree root does not match the account leaves");
    }
    Long prev = null;
    List<Long> sizes = new ArrayList<>();
    for (String k : store.scan(StorageLayout.CHECKPOINTS).keySet()) {
      sizes.add(StorageLayout.checkpointSize(k));
    }
    for (long cpSize : sizes) {
      verifyCheckpoint(store, store.get(StorageLayout.checkpoint(cpSize)).get(), stored, null, false);
      if (prev != null && prev > 0) {
        Checkpoint a = parse(store.get(StorageLayout.checkpoint(prev)).get());
        Checkpoint b = parse(store.get(StorageLayout.checkpoint(cpSize)).get());
        try {
          io.ddc.merkle.MerkleProofs.verifyConsistency(hasher, a.size(), b.size(),
              stored.consistencyProof(a.size(), b.size()).hashes(), a.rootHash(), b.rootHash());
        } catch (io.ddc.merkle.ProofException e) {
          throw new LedgerCorruptException("checkpoints " + a.size() + " and " + b.size() + " are not consistent: "
              + e.getMessage());
        }
      }
      prev = cpSize;
    }
  }

  private Checkpoint parse(String note) throws LedgerCorruptException {
    try {
      return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), hasher.digestLength());
    } catch (CheckpointException e) {
      throw new LedgerCorruptException("a stored checkpoint does not parse: " + e.getMessage());
    }
  }

  private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
    java.util.Set<T> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
