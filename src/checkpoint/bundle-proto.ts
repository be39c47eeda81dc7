/**
 * The tensor-bundle messages, decoded from and encoded to protobuf wire format
 * (`tensorflow/core/protobuf/tensor_bundle.proto`, `framework/tensor_shape.proto`,
 * `framework/tensor_slice.proto`, `framework/versions.proto`; all proto3):
 *
 *   BundleHeaderProto { int32 num_shards = 1; Endianness endianness = 2; VersionDef version = 3; }
 *   VersionDef        { int32 producer = 1; int32 min_consumer = 2; repeated int32 bad_consumers = 3; }
 *   BundleEntryProto  { DataType dtype = 1; TensorShapeProto shape = 2; int32 shard_id = 3;
 *                       int64 offset = 4; int64 size = 5; fixed32 crc32c = 6;
 *                       repeated TensorSliceProto slices = 7; }
 *   TensorShapeProto  { repeated Dim dim = 2; bool unknown_rank = 3; }  Dim { int64 size = 1; string name = 2; }
 *   TensorSliceProto  { repeated Extent extent = 1; }  Extent { int64 start = 1; oneof { int64 length = 2; } }
 *
 * Decoding defaults absent fields (proto3) and skips unknown ones by wire type. Encoding writes
 * what TF's generated code writes for the messages TF builds: fields in number order, zero values
 * omitted, except that `shape` and `version` are always present (TF sets them through
 * `mutable_shape()`/`mutable_version()`) and an extent's `length`, being in a oneof, is written
 * whenever it is set. The result is byte-identical to TF's serialization.
 */
import { ProtoReader, ProtoWriter, WIRE_BYTES, WIRE_FIXED32, WIRE_VARINT } from './protobuf';

export interface VersionDef {
  producer: number;
  minConsumer: number;
  badConsumers: number[];
}

export interface BundleHeader {
  numShards: number;
  /** The enum value: 0 LITTLE, 1 BIG (validated by the reader, not here). */
  endianness: number;
  version: VersionDef;
}

export interface ShapeProto {
  dims: number[];
  unknownRank: boolean;
}

/** One dimension of a slice: `length` null means the whole dimension (no `length` field). */
export interface Extent {
  start: number;
  length: number | null;
}

export interface BundleEntry {
  /** The `DataType` enum value (validated by the reader, not here). */
  dtype: number;
  shape: ShapeProto;
  shardId: number;
  offset: number;
  size: number;
  /** The stored (masked) CRC32C. */
  crc32c: number;
  slices: Extent[][];
}

export function decodeHeader(r: ProtoReader): BundleHeader {
  const h: BundleHeader = {
    numShards: 0,
    endianness: 0,
    version: { producer: 0, minConsumer: 0, badConsumers: [] },
  };
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_VARINT, 'num_shards');
      h.numShards = r.int32();
    } else if (field === 2) {
      r.expect(wire, WIRE_VARINT, 'endianness');
      h.endianness = r.int32();
    } else if (field === 3) {
      r.expect(wire, WIRE_BYTES, 'version');
      h.version = decodeVersion(r.message('version'));
    } else r.skip(wire);
  }
  return h;
}

function decodeVersion(r: ProtoReader): VersionDef {
  const v: VersionDef = { producer: 0, minConsumer: 0, badConsumers: [] };
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_VARINT, 'producer');
      v.producer = r.int32();
    } else if (field === 2) {
      r.expect(wire, WIRE_VARINT, 'min_consumer');
      v.minConsumer = r.int32();
    } else if (field === 3 && wire === WIRE_BYTES) {
      const packed = r.message('bad_consumers');
      while (!packed.done) v.badConsumers.push(packed.int32());
    } else if (field === 3) {
      r.expect(wire, WIRE_VARINT, 'bad_consumers');
      v.badConsumers.push(r.int32());
    } else r.skip(wire);
  }
  return v;
}

export function decodeShape(r: ProtoReader): ShapeProto {
  const s: ShapeProto = { dims: [], unknownRank: false };
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === 2) {
      r.expect(wire, WIRE_BYTES, 'dim');
      const d = r.message(`dim ${s.dims.length}`);
      let size = 0;
      while (!d.done) {
        const [f, w] = d.tag();
        if (f === 1) {
          d.expect(w, WIRE_VARINT, 'size');
          size = d.int64();
        } else d.skip(w);
      }
      s.dims.push(size);
    } else if (field === 3) {
      r.expect(wire, WIRE_VARINT, 'unknown_rank');
      s.unknownRank = r.bool();
    } else r.skip(wire);
  }
  return s;
}

function decodeSlice(r: ProtoReader): Extent[] {
  const extents: Extent[] = [];
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE_BYTES, 'extent');
      const e = r.message(`extent ${extents.length}`);
      const extent: Extent = { start: 0, length: null };
      while (!e.done) {
        const [f, w] = e.tag();
        if (f === 1) {
          e.expect(w, WIRE_VARINT, 'start');
          extent.start = e.int64();
        } else if (f === 2) {
          e.expect(w, WIRE_VARINT, 'length');
          extent.length = e.int64();
        } else e.skip(w);
      }
      extents.push(extent);
    } else r.skip(wire);
  }
  return extents;
}

export function decodeEntry(r: ProtoReader): BundleEntry {
  const e: BundleEntry = {
    dtype: 0,
    shape: { dims: [], unknownRank: false },
    shardId: 0,
    offset: 0,
    size: 0,
    crc32c: 0,
    slices: [],
  };
  while (!r.done) {
    const [field, wire] = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, WIRE_VARINT, 'dtype');
        e.dtype = r.int32();
        break;
      case 2:
        r.expect(wire, WIRE_BYTES, 'shape');
        e.shape = decodeShape(r.message('shape'));
        break;
      case 3:
        r.expect(wire, WIRE_VARINT, 'shard_id');
        e.shardId = r.int32();
        break;
      case 4:
        r.expect(wire, WIRE_VARINT, 'offset');
        e.offset = r.int64();
        break;
      case 5:
        r.expect(wire, WIRE_VARINT, 'size');
        e.size = r.int64();
        break;
      case 6:
        r.expect(wire, WIRE_FIXED32, 'crc32c');
        e.crc32c = r.fixed32();
        break;
      case 7:
        r.expect(wire, WIRE_BYTES, 'slices');
        e.slices.push(decodeSlice(r.message(`slice ${e.slices.length}`)));
        break;
      default:
        r.skip(wire);
    }
  }
  return e;
}

function writeSubmessage(w: ProtoWriter, field: number, build: (sub: ProtoWriter) => void): void {
  const sub = new ProtoWriter();
  build(sub);
  w.bytesField(field, sub.finish());
}

export function encodeHeader(h: BundleHeader): Uint8Array {
  const w = new ProtoWriter(16);
  if (h.numShards !== 0) {
    w.tag(1, WIRE_VARINT);
    w.varint(h.numShards);
  }
  if (h.endianness !== 0) {
    w.tag(2, WIRE_VARINT);
    w.varint(h.endianness);
  }
  writeSubmessage(w, 3, (v) => {
    if (h.version.producer !== 0) {
      v.tag(1, WIRE_VARINT);
      v.varint(h.version.producer);
    }
    if (h.version.minConsumer !== 0) {
      v.tag(2, WIRE_VARINT);
      v.varint(h.version.minConsumer);
    }
    if (h.version.badConsumers.length > 0) {
      // proto3 packs repeated scalars.
      writeSubmessage(v, 3, (p) => {
        for (const c of h.version.badConsumers) p.varint(c);
      });
    }
  });
  return w.finish();
}

export function encodeShape(w: ProtoWriter, field: number, shape: ShapeProto): void {
  writeSubmessage(w, field, (s) => {
    for (const size of shape.dims) {
      writeSubmessage(s, 2, (d) => {
        if (size !== 0) {
          d.tag(1, WIRE_VARINT);
          d.varint(size);
        }
      });
    }
    if (shape.unknownRank) {
      s.tag(3, WIRE_VARINT);
      s.varint(1);
    }
  });
}

export function encodeEntry(e: BundleEntry): Uint8Array {
  const w = new ProtoWriter(32);
  if (e.dtype !== 0) {
    w.tag(1, WIRE_VARINT);
    w.varint(e.dtype);
  }
  encodeShape(w, 2, e.shape);
  if (e.shardId !== 0) {
    w.tag(3, WIRE_VARINT);
    w.varint(e.shardId);
  }
  if (e.offset !== 0) {
    w.tag(4, WIRE_VARINT);
    w.varint(e.offset);
  }
  if (e.size !== 0) {
    w.tag(5, WIRE_VARINT);
    w.varint(e.size);
  }
  if (e.crc32c !== 0) {
    w.tag(6, WIRE_FIXED32);
    w.fixed32(e.crc32c);
  }
  for (const slice of e.slices) {
    writeSubmessage(w, 7, (s) => {
      for (const extent of slice) {
        writeSubmessage(s, 1, (x) => {
          if (extent.start !== 0) {
            x.tag(1, WIRE_VARINT);
            x.varint(extent.start);
          }
          if (extent.length !== null) {
            x.tag(2, WIRE_VARINT);
            x.varint(extent.length);
          }
        });
      }
    });
  }
  return w.finish();
}
