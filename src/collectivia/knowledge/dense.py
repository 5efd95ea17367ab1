"""The passages' vectors, searched exactly for a small collectivité and approximately for a large one.

At 1,000,000 passages the dense part of a search (every float16 vector times
the question, on numpy's emulated float16) took seconds; a search must take
milliseconds. The vectors live in a faiss index that stores them as float16
(768 bytes a passage, its codes are the vectors' own float16 values):

- below `APPROXIMATE_FROM` vectors, a flat index whose ids are the rows: the
  search reads every allowed vector (faiss' SIMD float16 dot products, ~10x
  numpy's), so a small collectivité keeps exact results;
- from `APPROXIMATE_FROM` on, an inverted file (IVF): the vectors are filed
  under the nearest of `LISTS` centroids, and a question reads the lists of
  its `PROBES` nearest centroids only (a quarter of the vectors; an index
  made approximate below 20,000 vectors, as the tests make one, has fewer
  lists, 39 vectors a list at least, and reads the same share of them).

The rights mask is faiss' own filter (a bitmap of the allowed rows, checked
before a vector is scored), so a passage the asker may not read is never a
candidate. When the allowed vectors are a small share, more lists are read
in proportion, up to every list (under a quarter of the vectors): only the
allowed vectors are scored, and the search is exact. When the lists read
still hold fewer allowed vectors than asked, the search is made again over
every list.

Rows are added as the index grows and removed as passages are: the IVF files
a new vector under its nearest centroid and forgets a removed one (a hash
table from row to list); the flat index, whose ids must stay the rows,
forgets a removed row by never allowing it. The centroids are learnt again
(every vector filed anew) when the vectors have grown `GROWTH`-fold since:
centroids learnt on the first documents only would file a new kind of
document as noise, and split its passages over lists a question does not
read. A process that starts learns them on its whole content.

faiss runs on one thread: on a busy 2-core machine spinning OpenMP threads
cost more than they give, and a server's parallelism is its requests.
"""

from __future__ import annotations

import threading
from typing import Any

import faiss
import numpy as np

from collectivia.knowledge.embeddings import DIM

APPROXIMATE_FROM = 200_000   # vectors from which the search is approximate
LISTS = 512                  # the IVF's centroids (1,000,000 vectors: ~2,000 a list)
PROBES = 128                 # lists read per question when (almost) every row is allowed
TRAINING = 40 * LISTS        # vectors the centroids are learnt from (faiss asks 39 a list)
GROWTH = 4                   # the centroids are learnt again when the vectors are 4x as many

faiss.omp_set_num_threads(1)


def _flat() -> faiss.Index:
    return faiss.IndexScalarQuantizer(DIM, faiss.ScalarQuantizer.QT_fp16,
                                      faiss.METRIC_INNER_PRODUCT)


class DenseVectors:
    """Float16 vectors numbered by row, appended in row order, searched under a mask of rows."""

    def __init__(self, approximate_from: int = APPROXIMATE_FROM, probes: int = PROBES):
        self.approximate_from = approximate_from
        self.lists, self.probes = LISTS, probes      # the IVF's, once approximate
        self._probes_of_full = probes                 # ... of an IVF of LISTS lists
        self._learnt_on = 0                           # vectors the centroids were learnt from
        self.rows = 0
        self.present = np.zeros(0, dtype=bool)       # rows holding a vector now
        self._index: Any = _flat()                    # faiss' stubs lack IVF's members
        self._approximate = False
        self._lock = threading.Lock()                  # faiss adds must not meet searches

    @property
    def approximate(self) -> bool:
        """Whether searches read the nearest lists only (the IVF) or every vector."""
        return self._approximate

    @property
    def bytes_per_vector(self) -> int:
        """What a vector costs in the index (its ids and lists aside)."""
        return int(self._index.code_size)

    @property
    def count(self) -> int:
        return int(self.present[:self.rows].sum())

    def append(self, vectors: np.ndarray, has_vector: np.ndarray) -> None:
        """The next rows' vectors (float16, zeros where `has_vector` is False)."""
        first = self.rows
        if first + len(vectors) > len(self.present):
            grown = np.zeros(max(first + len(vectors), int(len(self.present) * 1.5), 64), bool)
            grown[:first] = self.present[:first]
            self.present = grown
        with self._lock:
            if self._approximate:
                rows = np.flatnonzero(has_vector).astype(np.int64) + first
                self._index.add_with_ids(vectors[has_vector].astype(np.float32), rows)
            else:
                self._index.add(vectors.astype(np.float32))
            self.present[first:first + len(vectors)] = has_vector
            self.rows += len(vectors)
        if self.count >= (GROWTH * self._learnt_on if self._approximate
                          else self.approximate_from):
            self._learn_lists()

    def remove(self, rows: np.ndarray) -> None:
        """Forget these rows' vectors (a removed passage, or one whose vector changed)."""
        rows = np.asarray(rows, dtype=np.int64)
        rows = rows[self.present[rows]]
        if not len(rows):
            return
        with self._lock:
            self.present[rows] = False
            if self._approximate:
                self._index.remove_ids(faiss.IDSelectorArray(len(rows), faiss.swig_ptr(rows)))

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), DIM) float32: the rows' vectors, zeros for a row without one."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros((len(rows), DIM), dtype=np.float32)
        held = self.present[rows] if len(rows) else np.zeros(0, bool)
        if held.any():
            with self._lock:
                out[held] = self._index.reconstruct_batch(rows[held])
        return out

    def scores(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The rows' exact cosine with the question (0 for a row without a vector)."""
        return np.einsum("ij,j->i", self.vectors(rows), query.astype(np.float32))

    def best(self, query: np.ndarray, allowed: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The n allowed rows nearest the question, best first, and their cosines.

        Exact below `approximate_from` vectors and when few rows are allowed (every list read);
        otherwise approximate, made again over every list when the lists read hold too few
        allowed rows."""
        candidates = allowed & self.present[:len(allowed)]
        count = int(np.count_nonzero(candidates))
        wanted = min(n, count)
        if not wanted:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        if not self._approximate:
            return self._search(query, candidates, wanted, None)
        # a mask that allows a tenth of the vectors needs ten times the lists for as many
        probes = min(self.lists, -(-self.probes * self.count // count))
        rows, scores = self._search(query, candidates, wanted, probes)
        if len(rows) < wanted and probes < self.lists:
            rows, scores = self._search(query, candidates, wanted, self.lists)
        return rows, scores

    def _search(self, query, candidates, wanted, probes: int | None):
        """faiss' search among the candidate rows: every vector (probes None), or the lists of
        the `probes` centroids nearest the question (every list: exact too)."""
        bitmap = np.packbits(candidates, bitorder="little")      # must outlive the search
        selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
        params: Any = faiss.SearchParameters() if probes is None else faiss.SearchParametersIVF()
        params.sel = selector
        if probes is not None:
            params.nprobe = probes
        with self._lock:
            scores, rows = self._index.search(query.astype(np.float32)[None], wanted,
                                              params=params)
        found = rows[0] >= 0
        return rows[0][found], scores[0][found]

    def _learn_lists(self) -> None:
        """File the present vectors in a new IVF whose centroids are learnt from a sample of them."""
        rows, vectors = self._stored()
        sample = np.random.default_rng(0).choice(len(rows), min(len(rows), TRAINING), replace=False)
        self.lists = max(1, min(LISTS, len(sample) // 39))
        self.probes = max(1, min(self.lists, round(self._probes_of_full * self.lists / LISTS)))
        ivf = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(DIM), DIM, self.lists,
                                            faiss.ScalarQuantizer.QT_fp16,
                                            faiss.METRIC_INNER_PRODUCT, False)  # codes: the vectors
        ivf.cp.niter = 10
        ivf.train(vectors[np.sort(sample)].astype(np.float32))
        ivf.set_direct_map_type(faiss.DirectMap.Hashtable)   # type: ignore[attr-defined]  # by row
        for start in range(0, len(rows), 50_000):
            ivf.add_with_ids(vectors[start:start + 50_000].astype(np.float32),
                             rows[start:start + 50_000])
        with self._lock:
            self._index, self._approximate, self._learnt_on = ivf, True, len(rows)

    def _stored(self) -> tuple[np.ndarray, np.ndarray]:
        """Every present row and its float16 vector, read from the index's own codes."""
        if not self._approximate:
            rows = np.flatnonzero(self.present[:self.rows])
            codes = faiss.vector_to_array(self._index.codes).view(np.float16).reshape(-1, DIM)
            return rows, codes[rows]
        lists = self._index.invlists
        sizes = [lists.list_size(number) for number in range(self.lists)]
        rows = np.concatenate([faiss.rev_swig_ptr(lists.get_ids(number), size).copy()
                               for number, size in enumerate(sizes) if size])
        vectors = np.concatenate([faiss.rev_swig_ptr(lists.get_codes(number), size * 2 * DIM)
                                  .view(np.float16).reshape(size, DIM)
                                  for number, size in enumerate(sizes) if size])
        return rows, vectors

    def clone(self) -> DenseVectors:
        """An independent copy."""
        twin = DenseVectors(self.approximate_from)
        twin.lists, twin.probes = self.lists, self.probes
        twin._probes_of_full, twin._learnt_on = self._probes_of_full, self._learnt_on
        with self._lock:
            twin.rows, twin.present = self.rows, self.present.copy()
            twin._index, twin._approximate = faiss.clone_index(self._index), self._approximate
        return twin
