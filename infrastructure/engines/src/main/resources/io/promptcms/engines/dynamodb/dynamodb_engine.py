"""PromptCMS's local DynamoDB (+ Streams): moto's server, in this process, on 127.0.0.1.

moto (Apache-2.0) is the open-source engine with DynamoDB, Streams and transactions that these machines have.
As shipped (5.2.1) it is not atomic under concurrency, copies whole tables per transaction, sorts the whole
table for every Query and keeps nothing on disk. This launcher fixes what the project relies on, by wrapping
moto's own functions (no copied moto code), and each fix is pinned by the engine contract test
(infrastructure/engines/src/test/.../DynamoDbEngineContractTest.java):

  1. one lock around every request, so a conditional write is atomic;
  2. transactions roll back from a log of the items they touched, not from deep copies of whole tables;
  3. numbers that ADD/+/- produce are written in plain notation (no "1E-7" that the next ADD chokes on), with
     DynamoDB's 38 significant digits (not Python's default 28);
  4. ReturnValues=UPDATED_NEW returns every attribute the update expression sets, changed or not (as AWS does);
  5. stream iterators survive a rollback, expire after 15 minutes like AWS's, and bad iterators or shards are
     400 errors rather than 500s; an update that creates an item writes one INSERT record, not two;
  6. Query reads only its partition (base table, LSI) or its GSI key's items, through an index kept on write;
     a paged Scan starts at its ExclusiveStartKey instead of walking the table from the top; a put checks the
     item's size from a running total instead of adding up every attribute once per attribute;
  7. durability: every acknowledged mutating request is appended to a journal before its answer is sent, so a
     kill -9 loses nothing acknowledged; start-up loads the snapshot and replays the journal; a clean stop
     (SIGTERM/SIGINT) and every start that replayed something write a new snapshot;
  8. AWS's limit where moto is looser: at most 25 requests per BatchWriteItem.

Usage: python3 dynamodb_engine.py --port PORT [--data-dir DIR]   (PORT 0 picks a free port)
Prints "PromptCMS DynamoDB engine ready port=PORT" once it serves.
"""

import argparse
import base64
import bisect
import copy
import json
import os
import pickle
import re
import signal
import sys
import threading
import time
import weakref
from decimal import Context, Decimal

PINNED_MOTO = "5.2.1"
MUTATING = {
    "CreateTable", "DeleteTable", "UpdateTable", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
    "TransactWriteItems", "UpdateTimeToLive", "TagResource", "UntagResource",
}
ITERATOR_LIFETIME_SECONDS = 15 * 60
MAX_BATCH_WRITE = 25
ITEM_RESULTS = ("Items", "Item", "Responses", "Attributes")
DYNAMODB_NUMBERS = Context(prec=38)


def require_moto():
    try:
        import moto
        import flask  # noqa: F401  (moto's server mode)
    except ImportError as missing:
        sys.exit(f"PromptCMS DynamoDB engine: moto {PINNED_MOTO} with its server extras is not installed "
                 f"({missing}). Install it with: pip install 'moto[server]=={PINNED_MOTO}'")
    if moto.__version__ != PINNED_MOTO:
        sys.exit(f"PromptCMS DynamoDB engine: written for moto {PINNED_MOTO}, found {moto.__version__} "
                 f"(at {os.path.dirname(moto.__file__)}). Install the pinned one: pip install 'moto[server]=={PINNED_MOTO}'")


# ---------------------------------------------------------------------------------------------------------------
# Item bookkeeping: every write to a table's items goes through touch()/touched(), which keep the GSI index, the
# sorted-scan cache and the open transaction's undo log.
# ---------------------------------------------------------------------------------------------------------------

class TableState:
    """What the launcher keeps beside one moto Table (never pickled: rebuilt lazily)."""

    def __init__(self):
        self.version = 0
        self.gsi = None            # {index name: {hash values: {primary key: item}}}, built on first use
        self.membership = {}       # {primary key: {index name: hash values}}
        self.sorted_cache = None   # (version, items sorted as moto's all_items sorts them)
        self.gsi_pages = {}        # (index name, hash values) -> (version, sort keys, items in GSI order)


STATES = weakref.WeakKeyDictionary()
LOCAL = threading.local()


def state_of(table):
    state = STATES.get(table)
    if state is None:
        state = STATES[table] = TableState()
    return state


def gsi_hash_values(table, index, item):
    """The values of the index's HASH attributes in the item, or None when the item is not in the index."""
    values = []
    for key in index.schema:
        if key["KeyType"] == "HASH":
            value = item.attrs.get(key["AttributeName"])
            if value is None:
                return None
            values.append(value)
    return tuple(values)


def primary_key(item):
    return (item.hash_key, item.range_key)


def build_gsi(table, state):
    state.gsi = {index.name: {} for index in table.global_indexes}
    state.membership = {}
    for item in iterate_items(table):
        add_to_gsi(table, state, item)


def add_to_gsi(table, state, item):
    key = primary_key(item)
    entries = {}
    for index in table.global_indexes:
        values = gsi_hash_values(table, index, item)
        if values is not None:
            state.gsi.setdefault(index.name, {}).setdefault(values, {})[key] = item
            entries[index.name] = values
    if entries:
        state.membership[key] = entries


def remove_from_gsi(state, key):
    for name, values in state.membership.pop(key, {}).items():
        bucket = state.gsi.get(name, {}).get(values)
        if bucket is not None:
            bucket.pop(key, None)
            if not bucket:
                del state.gsi[name][values]


def iterate_items(table):
    for hash_set in table.items.values():
        if table.range_key_attr:
            yield from hash_set.values()
        else:
            yield hash_set


def current_item(table, hash_key, range_key):
    if range_key is not None:
        return table.items.get(hash_key, {}).get(range_key)
    return table.items.get(hash_key)


def touch(table, hash_key, range_key):
    """Before a write of one item: remember its old value if a transaction is open (first touch wins)."""
    undo = getattr(LOCAL, "undo", None)
    if undo is not None:
        undo.remember(table, hash_key, range_key)


def touched(table, hash_key, range_key):
    """After a write of one item: move it in the GSI index and invalidate the scan cache."""
    state = state_of(table)
    state.version += 1
    if state.gsi is not None:
        key = (hash_key, range_key)
        remove_from_gsi(state, key)
        item = current_item(table, hash_key, range_key)
        if item is not None:
            add_to_gsi(table, state, item)


class UndoLog:
    """The old value of every item a transaction touched, and each stream's length before it: enough to undo it."""

    def __init__(self):
        self.items = {}    # (id(table), hash, range) -> (table, hash, range, deep copy of the old item or None)
        self.streams = {}  # id(table) -> (table, number of stream records before)

    def remember(self, table, hash_key, range_key):
        marker = (id(table), hash_key, range_key)
        if marker not in self.items:
            old = current_item(table, hash_key, range_key)
            self.items[marker] = (table, hash_key, range_key, copy.deepcopy(old))
        if id(table) not in self.streams and table.stream_shard is not None:
            self.streams[id(table)] = (table, len(table.stream_shard.items))

    def rollback(self):
        for table, hash_key, range_key, old in reversed(list(self.items.values())):
            if range_key is not None:
                partition = table.items[hash_key]
                if old is None:
                    partition.pop(range_key, None)
                    if not partition:
                        del table.items[hash_key]
                else:
                    partition[range_key] = old
            elif old is None:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = old
            touched(table, hash_key, range_key)
        for table, length in self.streams.values():
            del table.stream_shard.items[length:]


class TableCheckpoint:
    """What moto's transact_write_items gets instead of a deep copy of a table (fix 2)."""

    def __init__(self, table):
        self.table = table


def patch_items(models, table_module):
    Table = table_module.Table
    Backend = models.DynamoDBBackend

    original_put = Table.put_item

    def put_item(self, item_attrs, *args, **kwargs):
        try:
            hash_key = models.DynamoType(item_attrs[self.hash_key_attr])
            range_key = models.DynamoType(item_attrs[self.range_key_attr]) if self.range_key_attr else None
        except (KeyError, TypeError):
            return original_put(self, item_attrs, *args, **kwargs)  # moto reports the missing key
        touch(self, hash_key, range_key)
        shard = self.stream_shard
        if getattr(LOCAL, "creating_in_update", False):
            self.stream_shard = None  # the update that creates the item writes its one INSERT record (fix 5)
        try:
            return original_put(self, item_attrs, *args, **kwargs)
        finally:
            self.stream_shard = shard
            touched(self, hash_key, range_key)

    original_delete = Table.delete_item

    def delete_item(self, hash_key, range_key):
        touch(self, hash_key, range_key)
        try:
            return original_delete(self, hash_key, range_key)
        finally:
            touched(self, hash_key, range_key)

    original_update = Backend.update_item

    def update_item(self, table_name, key, *args, **kwargs):
        table = self.get_table(table_name)
        try:
            hash_key, range_key = self.get_keys_value(table, key)
        except Exception:
            return original_update(self, table_name, key, *args, **kwargs)
        touch(table, hash_key, range_key)
        LOCAL.creating_in_update = True
        try:
            return original_update(self, table_name, key, *args, **kwargs)
        finally:
            LOCAL.creating_in_update = False
            touched(table, hash_key, range_key)

    original_transact = Backend.transact_write_items

    class CheckpointingCopy:
        """moto's module-level `copy` inside models/__init__.py: tables are checkpointed, everything else copied."""

        @staticmethod
        def deepcopy(value, *args):
            if isinstance(value, Table):
                return TableCheckpoint(value)
            return copy.deepcopy(value, *args)

    models.copy = CheckpointingCopy

    def transact_write_items(self, transact_items):
        undo = LOCAL.undo = UndoLog()
        try:
            return original_transact(self, transact_items)
        except BaseException:
            for name, value in list(self.tables.items()):
                if isinstance(value, TableCheckpoint):
                    self.tables[name] = value.table  # moto "restored" the checkpoint: put the live table back
            undo.rollback()
            raise
        finally:
            LOCAL.undo = None

    original_update_table = Backend.update_table

    def update_table(self, name, *args, **kwargs):
        try:
            return original_update_table(self, name, *args, **kwargs)
        finally:
            table = self.tables.get(name)
            if table is not None:
                state = state_of(table)
                state.gsi = None  # indexes may have changed: rebuild on the next Query
                state.version += 1

    Table.put_item = put_item
    Table.delete_item = delete_item
    Backend.update_item = update_item
    Backend.transact_write_items = transact_write_items
    Backend.update_table = update_table


# ---------------------------------------------------------------------------------------------------------------
# Fix 6: Query reads its partition only; Scan pages start at their key.
# ---------------------------------------------------------------------------------------------------------------

def patch_reads(table_module):
    Table = table_module.Table
    original_query = Table.query
    original_scan = Table.scan

    def sort_value(value):
        """What moto compares (cast_value), computed once per item and key instead of once per comparison."""
        kind = value.type
        if kind == "S":
            return value.value
        if kind == "N":
            return Decimal(value.value)
        return value.cast_value

    def sort_like_moto(items):
        """moto's all_items order."""
        return sorted(items, key=lambda x: (sort_value(x.hash_key), sort_value(x.range_key)) if x.range_key else (sort_value(x.hash_key),))

    def sorted_items(self, hash_key_attrs, range_key_attrs, items):
        """moto's GSI order (index keys, then table keys): a Query sorts its candidates with it."""
        attrs = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        items.sort(key=lambda x: tuple(sort_value(x.attrs[a]) for a in attrs))
        return items

    def all_items(self):
        override = getattr(LOCAL, "candidates", None)
        if override is not None and override[0] is self:
            return override[1]  # moto's query sorts what it keeps, and a paged scan's candidates come sorted
        state = state_of(self)
        if state.sorted_cache is None or state.sorted_cache[0] != state.version:
            state.sorted_cache = (state.version, sort_like_moto(iterate_items(self)))
        return list(state.sorted_cache[1])

    def query_candidates(self, hash_key, index_name, hash_key_conditions):
        if index_name:
            index = next((i for i in self.global_indexes if i.name == index_name), None)
            if index is None:
                return None  # unknown index: moto reports it
            conditions = dict(hash_key_conditions or [])
            names = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
            if set(conditions) != set(names):
                return None
            state = state_of(self)
            if state.gsi is None:
                build_gsi(self, state)
            return list(state.gsi.get(index.name, {}).get(tuple(conditions[n] for n in names), {}).values())
        if hash_key is None:
            return None
        partition = self.items.get(hash_key)
        if partition is None:
            return []
        return list(partition.values()) if self.range_key_attr else [partition]

    def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
              projection_expressions, index_name=None, consistent_read=False, filter_expression=None,
              hash_key_conditions=None, range_key_conditions=None, **filter_kwargs):
        if index_name and any(i.name == index_name for i in self.indexes):
            candidates = query_candidates(self, hash_key, None, None)  # an LSI lives in the table's partition
        else:
            candidates = query_candidates(self, hash_key, index_name, hash_key_conditions)
            if candidates and exclusive_start_key and index_name:
                candidates = gsi_page_after(self, index_name, hash_key_conditions, candidates, exclusive_start_key,
                                            scan_index_forward is not False)
        LOCAL.candidates = (self, candidates) if candidates is not None else None
        try:
            return original_query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                                  scan_index_forward, projection_expressions, index_name, consistent_read,
                                  filter_expression, hash_key_conditions=hash_key_conditions,
                                  range_key_conditions=range_key_conditions, **filter_kwargs)
        finally:
            LOCAL.candidates = None

    def gsi_page_after(self, index_name, hash_key_conditions, candidates, exclusive_start_key, forward):
        """
        The GSI candidates after the start key of a paged Query, found by binary search in the bucket sorted in GSI
        order (kept until the table changes), so that walking a large GSI partition page by page is not quadratic.
        """
        index = next(i for i in self.global_indexes if i.name == index_name)
        attrs = ([k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
                 + [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
                 + [a for a in (self.hash_key_attr, self.range_key_attr) if a])
        if not all(a in exclusive_start_key for a in attrs):
            return candidates
        state = state_of(self)
        cache_key = (index_name, tuple(v for _, v in sorted(hash_key_conditions or [])))
        cached = state.gsi_pages.get(cache_key)
        if cached is None or cached[0] != state.version:
            keyed = sorted(((tuple(sort_value(i.attrs[a]) for a in attrs), i) for i in candidates
                            if all(a in i.attrs for a in attrs)), key=lambda pair: pair[0])
            cached = state.gsi_pages[cache_key] = (state.version, [k for k, _ in keyed], [i for _, i in keyed])
        _, keys, ordered = cached
        start = tuple(sort_value(table_module.DynamoType(exclusive_start_key[a])) for a in attrs)
        return ordered[bisect.bisect_right(keys, start):] if forward else ordered[:bisect.bisect_left(keys, start)]

    def scan(self, filters, limit, exclusive_start_key, filter_expression=None, index_name=None,
             consistent_read=False, projection_expression=None, segments=(None, None)):
        if exclusive_start_key and not index_name:
            items = all_items(self)
            start = first_after(self, items, exclusive_start_key)
            LOCAL.candidates = (self, items[start:])
        try:
            return original_scan(self, filters, limit, exclusive_start_key, filter_expression, index_name,
                                 consistent_read, projection_expression, segments)
        finally:
            LOCAL.candidates = None

    def first_after(self, items, exclusive_start_key):
        """Binary search in the sorted items for the first one after the start key."""
        hash_key = table_module.DynamoType(exclusive_start_key[self.hash_key_attr])
        range_key = (table_module.DynamoType(exclusive_start_key[self.range_key_attr])
                     if self.range_key_attr and self.range_key_attr in exclusive_start_key else None)
        low, high = 0, len(items)
        while low < high:
            middle = (low + high) // 2
            item = items[middle]
            if item.hash_key < hash_key or (item.hash_key == hash_key and range_key is not None
                                            and item.range_key is not None and not range_key < item.range_key):
                low = middle + 1
            else:
                high = middle
        return low

    Table.all_items = all_items
    Table.sorted_items = sorted_items
    Table.query = query
    Table.scan = scan


# ---------------------------------------------------------------------------------------------------------------
# Fixes 3, 4, 5 and 8: numbers, UPDATED_NEW, stream iterators, the batch limit; and a faster answer for items.
# ---------------------------------------------------------------------------------------------------------------

def plain_number(value):
    """DynamoDB's canonical text of a number: no exponent, no trailing zeros."""
    if value == value.to_integral_value():
        return str(DYNAMODB_NUMBERS.quantize(value, Decimal(1)))
    return format(DYNAMODB_NUMBERS.normalize(value), "f")


def patch_numbers(dynamo_type):
    DynamoType = dynamo_type.DynamoType

    def arithmetic(operation):
        def apply(self, other):
            if self.type != other.type:
                raise TypeError("Different types of operandi is not allowed.")
            if not self.is_number():
                raise dynamo_type.IncorrectDataType()
            return DynamoType({"N": plain_number(operation(Decimal(self.value), Decimal(other.value)))})
        return apply

    # DynamoDB keeps 38 significant digits; Python's default context would round sums to 28
    DynamoType.__add__ = arithmetic(DYNAMODB_NUMBERS.add)
    DynamoType.__sub__ = arithmetic(DYNAMODB_NUMBERS.subtract)


def patch_item_size_check(dynamo_type):
    """
    moto checks an item's size on every attribute it sets by adding up every attribute again: quadratic in the
    attributes, and most of a put's time for an item of 25. The running total is kept with the number of attributes
    it covers, so a copy, an unpickled snapshot or a delete (where that number no longer matches) adds up again.
    """
    Limited = dynamo_type.LimitedSizeDict
    DynamoType = dynamo_type.DynamoType
    bytesize = dynamo_type.bytesize

    def size_of(value):
        return value.size() if type(value) is DynamoType else bytesize(str(value))

    def setitem(self, key, value):
        cached = self.__dict__.get("_size")
        if key not in self and cached is not None and cached[0] == len(self):
            current = cached[1]
        else:
            current = sum(bytesize(k) + size_of(v) for k, v in self.items())
        total = current + bytesize(key) + size_of(value)
        if total > 405000:  # moto's limit, kept
            raise dynamo_type.ItemSizeTooLarge
        replaced = key in self
        dict.__setitem__(self, key, value)
        self.__dict__["_size"] = None if replaced else (len(self), total)

    Limited.__setitem__ = setitem


UPDATE_CLAUSE = re.compile(r"\b(SET|REMOVE|ADD|DELETE)\b", re.IGNORECASE)


def split_top_level(text):
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def updated_attribute_names(update_expression, names):
    """Top-level attributes that the SET and ADD clauses of an update expression write."""
    written = set()
    pieces = UPDATE_CLAUSE.split(update_expression or "")
    for keyword, body in zip(pieces[1::2], pieces[2::2]):
        if keyword.upper() not in ("SET", "ADD"):
            continue
        for action in split_top_level(body):
            target = action.split("=", 1)[0] if keyword.upper() == "SET" else action.split()[0]
            top = re.split(r"[.\[]", target.strip(), maxsplit=1)[0]
            written.add(names.get(top, top))
    return written


def patch_responses(responses, core_exceptions):
    Handler = responses.DynamoHandler
    original_update = Handler.update_item

    def update_item(self):
        if self.body.get("ReturnValues") != "UPDATED_NEW":
            return original_update(self)
        self.body["ReturnValues"] = "ALL_NEW"
        result = original_update(self)
        written = updated_attribute_names(self.body.get("UpdateExpression"), self.body.get("ExpressionAttributeNames") or {})
        attributes = result.result.get("Attributes", {})
        result.result["Attributes"] = {k: v for k, v in attributes.items() if k in written}
        return result

    original_batch_write = Handler.batch_write_item

    def batch_write_item(self):
        count = sum(len(requests) for requests in self.body.get("RequestItems", {}).values())
        if count > MAX_BATCH_WRITE:
            raise responses.MockValidationException(
                "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
                f"Map value must satisfy constraint: [Member must have length less than or equal to {MAX_BATCH_WRITE}]")
        return original_batch_write(self)

    Handler.update_item = update_item
    Handler.batch_write_item = batch_write_item

    # moto's generic serializer walks the botocore model for every attribute value: most of a Query's time.
    # Results that carry items are plain JSON once binary values are in base64, so they are written directly.
    Result = responses.DynamoResult
    original_execute = Result.execute_result

    def wire_value(value):
        if isinstance(value, bytes):
            return base64.b64encode(value).decode("ascii")
        raise TypeError(type(value).__name__)

    def execute_result(self, context):
        result = self.result
        if isinstance(result, dict) and any(k in result for k in ITEM_RESULTS):
            try:
                return 200, {"Content-Type": "application/x-amz-json-1.0"}, json.dumps(result, default=wire_value)
            except TypeError:
                pass  # something else than items and binaries: the generic serializer knows it
        return original_execute(self, context)

    Result.execute_result = execute_result



def patch_streams(streams_models, core_exceptions):
    Backend = streams_models.DynamoDBStreamsBackend
    ShardIterator = streams_models.ShardIterator

    class ExpiredIterator(core_exceptions.JsonRESTError):
        def __init__(self):
            super().__init__("ExpiredIteratorException", "Iterator expired or unknown: get a new one with GetShardIterator")

    class UnknownShard(core_exceptions.JsonRESTError):
        def __init__(self, what):
            super().__init__("ResourceNotFoundException", f"Requested resource not found: {what}")

    original_iterator_init = ShardIterator.__init__

    def iterator_init(self, *args, **kwargs):
        original_iterator_init(self, *args, **kwargs)
        self.created = time.monotonic()

    original_get = ShardIterator.get

    def iterator_get(self, limit=1000):
        if self.sequence_number - self.stream_shard.starting_sequence_number >= len(self.stream_shard.items):
            return {"NextShardIterator": self.arn, "Records": []}  # nothing new: the same iterator again
        return original_get(self, limit)

    def prune(backend):
        oldest = time.monotonic() - ITERATOR_LIFETIME_SECONDS
        for arn in [a for a, i in backend.shard_iterators.items() if i.created < oldest]:
            del backend.shard_iterators[arn]

    original_get_shard_iterator = Backend.get_shard_iterator

    def get_shard_iterator(self, arn, shard_id, shard_iterator_type, sequence_number=None):
        prune(self)
        try:
            table = self._get_table_from_arn(arn)
        except Exception:
            raise UnknownShard(f"stream {arn}")
        if table.stream_shard is None or table.stream_shard.id != shard_id:
            raise UnknownShard(f"shard {shard_id} of {arn}")
        return original_get_shard_iterator(self, arn, shard_id, shard_iterator_type, sequence_number)

    def get_records(self, iterator_arn, limit):
        prune(self)
        iterator = self.shard_iterators.get(iterator_arn)
        if iterator is None:
            raise ExpiredIterator()
        return iterator.get(limit)

    ShardIterator.__init__ = iterator_init
    ShardIterator.get = iterator_get
    Backend.get_shard_iterator = get_shard_iterator
    Backend.get_records = get_records


# ---------------------------------------------------------------------------------------------------------------
# Fix 1 and 7: one request at a time, journalled before it is acknowledged.
# ---------------------------------------------------------------------------------------------------------------

class Durability:
    """snapshot.pickle (every table, with its stream records) + journal.log (mutating requests since, in order)."""

    def __init__(self, directory, dynamodb_backends):
        self.directory = directory
        self.backends = dynamodb_backends
        self.snapshot_path = os.path.join(directory, "snapshot.pickle")
        self.journal_path = os.path.join(directory, "journal.log")
        self.sequence = 0
        self.journal = None

    def restore(self, replay):
        os.makedirs(self.directory, exist_ok=True)
        started = time.monotonic()
        if os.path.exists(self.snapshot_path):
            with open(self.snapshot_path, "rb") as f:
                saved = pickle.load(f)
            self.sequence = saved["sequence"]
            for (account, region), tables in saved["tables"].items():
                self.backends[account][region].tables = tables
        replayed = 0
        if os.path.exists(self.journal_path):
            with open(self.journal_path, "rb") as f:
                for line in f:
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        break  # a torn last line: that request was never acknowledged
                    if entry["n"] > self.sequence:
                        replay(entry)
                        self.sequence = entry["n"]
                        replayed += 1
        if replayed:
            self.snapshot()
        self.journal = open(self.journal_path, "ab", buffering=0)
        count = sum(len(t) for tables in self.tables().values() for t in tables.values())
        print(f"restored {count} items ({replayed} journalled requests replayed) in "
              f"{time.monotonic() - started:.1f} s", flush=True)

    def tables(self):
        found = {}
        for account, regions in self.backends.items():
            for region, backend in regions.items():
                if backend.tables:
                    found[(account, region)] = backend.tables
        return found

    def append(self, target, authorization, body, label=None):
        """Called under the request lock, after the request succeeded and before its answer is sent."""
        self.sequence += 1
        entry = {"n": self.sequence, "t": target, "a": authorization, "b": body}
        if label:
            entry["l"] = label
        line = json.dumps(entry) + "\n"
        self.journal.write(line.encode("utf-8"))  # unbuffered: in the kernel before the client hears back

    def snapshot(self):
        """Writes every table to a new snapshot, then empties the journal (entries it holds are skipped on replay)."""
        temporary = self.snapshot_path + ".tmp"
        with open(temporary, "wb") as f:
            pickle.dump({"sequence": self.sequence, "tables": self.tables()}, f, protocol=pickle.HIGHEST_PROTOCOL)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, self.snapshot_path)
        if self.journal is not None:
            self.journal.close()
        open(self.journal_path, "wb").close()
        self.journal = open(self.journal_path, "ab", buffering=0)


def stream_label(operation, payload):
    """The stream label a CreateTable/UpdateTable gave its table: a replay must give the same one (it names the stream)."""
    if operation not in ("CreateTable", "UpdateTable"):
        return None
    try:
        return json.loads(payload).get("TableDescription", {}).get("LatestStreamLabel")
    except ValueError:
        return None


def keep_stream_label(backends, table_name, label):
    for regions in backends.values():
        for backend in regions.values():
            table = backend.tables.get(table_name)
            if table is not None and table.latest_stream_label:
                table.latest_stream_label = label


class SerializedApp:
    """WSGI wrapper: requests run one at a time; successful DynamoDB writes are journalled before they answer."""

    def __init__(self, app, durability):
        self.app = app
        self.durability = durability
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.split(".", 1)[1] if target.startswith("DynamoDB_") else ""
        with self.lock:
            status, headers, payload = self.call(environ, body)
            if self.durability is not None and operation in MUTATING and status.startswith("200"):
                self.durability.append(target, environ.get("HTTP_AUTHORIZATION", ""), body.decode("utf-8"),
                                       stream_label(operation, payload))
        start_response(status, headers)
        return [payload]

    def call(self, environ, body):
        import io
        environ = dict(environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        chunks = self.app(environ, capture)
        try:
            payload = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        return captured["status"], captured["headers"], payload

    def replay(self, entry):
        """Applies a journalled request again, exactly as it first ran (same target, account, region, body)."""
        from werkzeug.test import EnvironBuilder
        builder = EnvironBuilder(method="POST", path="/", base_url="http://127.0.0.1:0", data=entry["b"].encode("utf-8"),
                                 headers={"X-Amz-Target": entry["t"], "Authorization": entry["a"],
                                          "Content-Type": "application/x-amz-json-1.0", "Host": "127.0.0.1"})
        environ = builder.get_environ()
        status, _, payload = self.call(environ, entry["b"].encode("utf-8"))
        if not status.startswith("200"):
            print(f"journal entry {entry['n']} ({entry['t']}) replayed with {status}: {payload[:300]!r}", flush=True)
        elif "l" in entry:
            keep_stream_label(self.durability.backends, json.loads(entry["b"])["TableName"], entry["l"])


def main():
    parser = argparse.ArgumentParser(description="PromptCMS's local DynamoDB engine (moto, patched)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data-dir", help="keep tables here across restarts (omit: in memory only)")
    args = parser.parse_args()

    require_moto()
    from moto.core import exceptions as core_exceptions
    from moto.dynamodb import models, responses
    from moto.dynamodb.models import dynamo_type, table as table_module
    from moto.dynamodbstreams import models as streams_models
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietKeepAliveHandler(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"  # keep connections open: the SDKs pool them

        def log_request(self, *args):
            pass  # a line per request costs time and fills the log

    patch_items(models, table_module)
    patch_reads(table_module)
    patch_numbers(dynamo_type)
    patch_item_size_check(dynamo_type)
    patch_responses(responses, core_exceptions)
    patch_streams(streams_models, core_exceptions)

    durability = Durability(args.data_dir, models.dynamodb_backends) if args.data_dir else None
    app = SerializedApp(DomainDispatcherApplication(create_backend_app), durability)
    if durability is not None:
        durability.restore(app.replay)

    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=QuietKeepAliveHandler)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"PromptCMS DynamoDB engine ready port={server.server_address[1]}", flush=True)
    server.serve_forever()
    if durability is not None:
        with app.lock:
            durability.snapshot()
        print("snapshot written", flush=True)


if __name__ == "__main__":
    main()
