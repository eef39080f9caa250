/* The passes over a text that every article goes through, in C: folding (normalise._fold),
 * the search for Persian's lost ZWNJs (normalise.zwnj_places), the tokeniser
 * (tokens.split_words), the sentence of each token (pipeline._token_sentences), the walk of
 * the lexicon's trie (Matcher.find) and the making of the mentions (mentions.run). Each is
 * called through text/native.py and has its Python beside its use, which runs where this
 * module was not built (setup.py says so in one line) and which tests hold it to: the
 * output is the same either way. Python decides what each character folds to and what
 * each token opens; C only applies it, in one pass without a Python object per step.
 *
 * A token is a run of letters joined by ZWNJs or apostrophes, a run of digits joined by
 * «.» or «,», or one Han character. A letter is what the regex class [^\W\d_<Han>] takes:
 * a character Python's re calls a word character (Py_UNICODE_ISALNUM, or «_») that is not
 * a decimal digit, not «_» and not Han; a digit is what \d takes (Py_UNICODE_ISDECIMAL).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

enum { OTHER = 0, LETTER = 1, DIGIT = 2, HAN = 3 };

static inline int is_han(Py_UCS4 ch) {
    return (ch >= 0x3400 && ch <= 0x4DBF) || (ch >= 0x4E00 && ch <= 0x9FFF) ||
           (ch >= 0xF900 && ch <= 0xFAFF);
}

/* the class of each Latin-1 character, filled once: most characters of most texts */
static unsigned char latin1[256];

static inline int kind_of(Py_UCS4 ch) {
    if (ch < 256) return latin1[ch];
    if (is_han(ch)) return HAN;
    if (Py_UNICODE_ISDECIMAL(ch)) return DIGIT;
    if (Py_UNICODE_ISALNUM(ch)) return LETTER;
    return OTHER;
}

/* How the classes of model.py are made from C. In the pure build Span and Mention are
 * classes with __slots__ whose __init__ only stores its arguments, and making one from C is
 * an allocation and a store per field (calling the class runs that __init__ as Python
 * code: three quarters of the tokeniser's time); in the compiled build (mypyc) they are
 * native classes whose constructors are C already, and they are called. */
#define MOST_FIELDS 8
typedef struct {
    PyTypeObject *type;
    int fields;
    Py_ssize_t offsets[MOST_FIELDS]; /* of each slot, in the order of __init__'s arguments */
    int direct;                      /* slots written directly, or the class called */
} Maker;

static Maker span_maker, mention_maker;
static const char *span_fields[] = {"start", "end"};
static const char *mention_fields[] = {"start", "concept", "entry", "end",
                                       "sentence", "token", "last", "kind"};

static Py_ssize_t slot_offset(PyTypeObject *type, const char *name) {
    PyObject *descriptor = PyObject_GetAttrString((PyObject *)type, name);
    if (descriptor == NULL) return -2;
    Py_ssize_t offset = -1;
    if (Py_IS_TYPE(descriptor, &PyMemberDescr_Type)) {
        PyMemberDef *member = ((PyMemberDescrObject *)descriptor)->d_member;
        if (member->type == T_OBJECT_EX && !(member->flags & READONLY)) offset = member->offset;
    }
    Py_DECREF(descriptor);
    return offset;
}

static int set_maker(Maker *maker, PyObject *type, const char **names, int fields) {
    if (!PyType_Check(type)) {
        PyErr_SetString(PyExc_TypeError, "set_classes() takes the Span and Mention classes");
        return -1;
    }
    maker->direct = 1;
    for (int k = 0; k < fields; k++) {
        maker->offsets[k] = slot_offset((PyTypeObject *)type, names[k]);
        if (maker->offsets[k] == -2) return -1;
        if (maker->offsets[k] < 0) maker->direct = 0;
    }
    Py_INCREF(type);
    Py_XSETREF(maker->type, (PyTypeObject *)type);
    maker->fields = fields;
    return 0;
}

static PyObject *set_classes(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "set_classes() takes the Span and Mention classes");
        return NULL;
    }
    if (set_maker(&span_maker, args[0], span_fields, 2) ||
        set_maker(&mention_maker, args[1], mention_fields, 8))
        return NULL;
    Py_RETURN_NONE;
}

/* An object of the maker's class from its fields (borrowed references). */
static PyObject *make(Maker *maker, PyObject **values) {
    if (!maker->direct) return PyObject_Vectorcall((PyObject *)maker->type, values, maker->fields, NULL);
    PyObject *made = maker->type->tp_alloc(maker->type, 0);
    if (made == NULL) return NULL;
    for (int k = 0; k < maker->fields; k++) {
        Py_INCREF(values[k]);
        *(PyObject **)((char *)made + maker->offsets[k]) = values[k];
    }
    /* it holds ints and strings, so it is never part of a cycle: the collector need not
     * walk it (as CPython does with tuples of atoms) */
    if (PyObject_GC_IsTracked(made)) PyObject_GC_UnTrack(made);
    return made;
}

static PyObject *make_span(Py_ssize_t start, Py_ssize_t end) {
    PyObject *values[2] = {PyLong_FromSsize_t(start), PyLong_FromSsize_t(end)};
    PyObject *span = values[0] && values[1] ? make(&span_maker, values) : NULL;
    Py_XDECREF(values[0]);
    Py_XDECREF(values[1]);
    return span;
}

/* A field of an object of the maker's class (a new reference), the k-th of its fields. */
static PyObject *field_of(Maker *maker, const char **names, PyObject *made, int k) {
    if (maker->direct && Py_IS_TYPE(made, maker->type)) {
        PyObject *value = *(PyObject **)((char *)made + maker->offsets[k]);
        if (value != NULL) {
            Py_INCREF(value);
            return value;
        }
    }
    return PyObject_GetAttrString(made, names[k]);
}

/* A field of a Span: `which` 0 for its start, 1 for its end. */
static PyObject *span_field(PyObject *span, int which) {
    return field_of(&span_maker, span_fields, span, which);
}

/* list_in(dict, key).append(value), the list made where the key has none. */
static int append_under(PyObject *dict, PyObject *key, PyObject *value) {
    PyObject *list = PyDict_GetItemWithError(dict, key); /* borrowed */
    if (list == NULL) {
        if (PyErr_Occurred() || (list = PyList_New(0)) == NULL) return -1;
        int failed = PyDict_SetItem(dict, key, list);
        Py_DECREF(list); /* the dict holds it */
        if (failed) return -1;
    }
    return PyList_Append(list, value);
}

/* longest(found, count): mentions._longest, the Python beside it being the reference: of a
 * concept's (first, last, entry, kind) tuples, those of the longest spans first, then the
 * leftmost, a span inside a longer kept one dropped; `count` is the text's token count. */
static PyObject *longest(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "longest() takes a list and a count");
        return NULL;
    }
    PyObject *found = args[0];
    Py_ssize_t count = PyLong_AsSsize_t(args[1]);
    if (count == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(found), size = 0;
    Py_ssize_t *firsts = PyMem_Malloc((size_t)(2 * n + 1) * sizeof(Py_ssize_t));
    char *taken = PyMem_Calloc((size_t)(count > 0 ? count : 1), 1);
    PyObject *kept = NULL;
    if (firsts == NULL || taken == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *lasts = firsts + n;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyList_GET_ITEM(found, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) < 2) {
            PyErr_SetString(PyExc_TypeError, "longest() takes (first, last, ...) tuples");
            goto done;
        }
        firsts[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 0));
        lasts[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 1));
        if (PyErr_Occurred()) goto done;
        if (firsts[k] < 0 || lasts[k] < firsts[k] || lasts[k] >= count) {
            PyErr_SetString(PyExc_ValueError, "longest(): a span outside the tokens");
            goto done;
        }
        if (lasts[k] - firsts[k] > size) size = lasts[k] - firsts[k];
    }
    if ((kept = PyList_New(0)) == NULL) goto done;
    for (; size; size--) { /* one pass per length, longest first */
        Py_ssize_t span_first = -1, span_last = -1;
        int keep = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            if (lasts[k] - firsts[k] != size) continue;
            if (firsts[k] != span_first || lasts[k] != span_last) { /* one span, one lot */
                span_first = firsts[k];
                span_last = lasts[k];
                keep = memchr(taken + span_first, 1, (size_t)(size + 1)) == NULL;
                if (keep) memset(taken + span_first, 1, (size_t)(size + 1));
            }
            if (keep && PyList_Append(kept, PyList_GET_ITEM(found, k))) {
                Py_CLEAR(kept);
                goto done;
            }
        }
    }
    for (Py_ssize_t k = 0; k < n; k++) { /* one-token terms last */
        if (firsts[k] == lasts[k] && !taken[firsts[k]] && PyList_Append(kept, PyList_GET_ITEM(found, k))) {
            Py_CLEAR(kept);
            goto done;
        }
    }
done:
    PyMem_Free(firsts);
    PyMem_Free(taken);
    return kept;
}

/* index(mentions, by_concept, by_sentence): for mentions.run, each mention appended to
 * the list of its concept and to that of its sentence. */
static PyObject *index_mentions(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyDict_Check(args[1]) || !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "index() takes a list and two dicts");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(args[0]); k++) {
        PyObject *mention = PyList_GET_ITEM(args[0], k);
        PyObject *concept = field_of(&mention_maker, mention_fields, mention, 1);
        PyObject *sentence = concept == NULL ? NULL : field_of(&mention_maker, mention_fields, mention, 4);
        int failed = sentence == NULL || append_under(args[1], concept, mention) ||
                     append_under(args[2], sentence, mention);
        Py_XDECREF(concept);
        Py_XDECREF(sentence);
        if (failed) return NULL;
    }
    Py_RETURN_NONE;
}

/* token_tags(mentions, count, sets, untagged, cue, body) -> tags: for actors._token_tags,
 * the tag set over each of `count` tokens: `untagged` where no mention lies, else the union
 * of the sets of the mentions over it. A mention's set is sets[key], the key its concept (or
 * `body` for a cue of kind `body`), made as frozenset({concept, key}) where sets has none. */
static PyObject *token_tags(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyList_Check(args[0]) || !PyDict_Check(args[2]) ||
        !PyUnicode_Check(args[4]) || !PyUnicode_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError,
                        "token_tags() takes mentions, a count, a dict, a set and two strings");
        return NULL;
    }
    PyObject *found = args[0], *sets = args[2], *untagged = args[3], *cue = args[4], *body = args[5];
    Py_ssize_t count = PyLong_AsSsize_t(args[1]);
    if (count == -1 && PyErr_Occurred()) return NULL;
    PyObject *tags = PyList_New(count < 0 ? 0 : count);
    if (tags == NULL) return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_INCREF(untagged);
        PyList_SET_ITEM(tags, i, untagged);
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(found); k++) {
        PyObject *mention = PyList_GET_ITEM(found, k);
        PyObject *concept = field_of(&mention_maker, mention_fields, mention, 1);
        PyObject *kind = concept == NULL ? NULL : field_of(&mention_maker, mention_fields, mention, 7);
        PyObject *first = kind == NULL ? NULL : field_of(&mention_maker, mention_fields, mention, 5);
        PyObject *last = first == NULL ? NULL : field_of(&mention_maker, mention_fields, mention, 6);
        PyObject *alone = NULL;
        Py_ssize_t from = -1, to = -1;
        if (last == NULL) goto next;
        from = PyLong_AsSsize_t(first);
        to = PyLong_AsSsize_t(last);
        if (PyErr_Occurred()) goto next;
        if (from < 0 || to < from || to >= count) {
            PyErr_SetString(PyExc_IndexError, "a mention's token is out of the text");
            goto next;
        }
        PyObject *key = concept;
        if (PyUnicode_Check(concept) && PyUnicode_Check(kind) && PyUnicode_Compare(concept, cue) == 0 &&
            PyUnicode_Compare(kind, body) == 0)
            key = body;
        alone = PyDict_GetItemWithError(sets, key); /* borrowed */
        if (alone != NULL) {
            Py_INCREF(alone);
        } else if (!PyErr_Occurred()) {
            PyObject *pair = PyTuple_Pack(2, concept, key);
            alone = pair == NULL ? NULL : PyFrozenSet_New(pair);
            Py_XDECREF(pair);
            if (alone != NULL && PyDict_SetItem(sets, key, alone)) Py_CLEAR(alone);
        }
        if (alone == NULL) goto next;
        for (Py_ssize_t i = from; i <= to; i++) {
            PyObject *held = PyList_GET_ITEM(tags, i);
            PyObject *tag = held == untagged ? (Py_INCREF(alone), alone) : PyNumber_Or(held, alone);
            if (tag == NULL) {
                Py_CLEAR(alone);
                goto next;
            }
            PyList_SET_ITEM(tags, i, tag);
            Py_DECREF(held);
        }
    next:
        Py_XDECREF(concept);
        Py_XDECREF(kind);
        Py_XDECREF(first);
        Py_XDECREF(last);
        if (alone == NULL) {
            Py_DECREF(tags);
            return NULL;
        }
        Py_DECREF(alone);
    }
    return tags;
}

/* mentions(concept, found, tokens, token_sentence, out): for mentions.run, appends to `out`
 * the Mention of each (first token, last token, entry, kind) of `found`. */
static PyObject *mentions(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_Check(args[1]) || !PyList_Check(args[2]) || !PyList_Check(args[3]) ||
        !PyList_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "mentions() takes a concept and four lists");
        return NULL;
    }
    PyObject *concept = args[0], *found = args[1], *tokens = args[2], *of_token = args[3];
    if (mention_maker.type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_classes() was not called");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(found); k++) {
        PyObject *item = PyList_GET_ITEM(found, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 4) {
            PyErr_SetString(PyExc_TypeError, "mentions() takes (first, last, entry, kind) tuples");
            return NULL;
        }
        PyObject *first = PyTuple_GET_ITEM(item, 0), *last = PyTuple_GET_ITEM(item, 1);
        Py_ssize_t first_index = PyLong_AsSsize_t(first), last_index = PyLong_AsSsize_t(last);
        if (PyErr_Occurred()) return NULL;
        if (first_index < 0 || last_index < 0 || first_index >= PyList_GET_SIZE(tokens) ||
            last_index >= PyList_GET_SIZE(tokens) || first_index >= PyList_GET_SIZE(of_token)) {
            PyErr_SetString(PyExc_IndexError, "a mention's token is out of the text");
            return NULL;
        }
        PyObject *start = span_field(PyList_GET_ITEM(tokens, first_index), 0);
        PyObject *end = span_field(PyList_GET_ITEM(tokens, last_index), 1);
        PyObject *mention = NULL;
        if (start != NULL && end != NULL) {
            PyObject *values[8] = {start, concept, PyTuple_GET_ITEM(item, 2), end,
                                   PyList_GET_ITEM(of_token, first_index), first, last,
                                   PyTuple_GET_ITEM(item, 3)};
            mention = make(&mention_maker, values);
        }
        Py_XDECREF(start);
        Py_XDECREF(end);
        if (mention == NULL) return NULL;
        int failed = PyList_Append(args[4], mention);
        Py_DECREF(mention);
        if (failed) return NULL;
    }
    Py_RETURN_NONE;
}

/* tokens(text) -> (spans, words): the Span of each token and its text */
static PyObject *tokens(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "tokens() takes a str");
        return NULL;
    }
    if (span_maker.type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_classes() was not called");
        return NULL;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    PyObject *words = PyList_New(0);
    PyObject *spans = PyList_New(0);
    if (words == NULL || spans == NULL) goto fail;
    Py_ssize_t i = 0;
    while (i < length) {
        const int first = kind_of(PyUnicode_READ(kind, data, i));
        if (first == OTHER) {
            i++;
            continue;
        }
        const Py_ssize_t start = i++;
        if (first == LETTER || first == DIGIT) {
            for (;;) {
                while (i < length && kind_of(PyUnicode_READ(kind, data, i)) == first) i++;
                /* a joiner goes on only when a character of the run's kind follows it */
                if (i + 1 >= length) break;
                const Py_UCS4 joiner = PyUnicode_READ(kind, data, i);
                const int joins = first == LETTER ? (joiner == 0x200C || joiner == '\'')
                                                  : (joiner == '.' || joiner == ',');
                if (!joins || kind_of(PyUnicode_READ(kind, data, i + 1)) != first) break;
                i += 2;
            }
        }
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (word == NULL) goto fail;
        int failed = PyList_Append(words, word);
        Py_DECREF(word);
        if (failed) goto fail;
        PyObject *span = make_span(start, i);
        if (span == NULL) goto fail;
        failed = PyList_Append(spans, span);
        Py_DECREF(span);
        if (failed) goto fail;
    }
    return Py_BuildValue("(NN)", spans, words);
fail:
    Py_XDECREF(words);
    Py_XDECREF(spans);
    return NULL;
}

/* zwnj_places(text, known, read) -> places: for restore_zwnj, the places in the text
 * before which a ZWNJ was lost. Each word (a run of letters of any script, what
 * [^\W\d_]+ takes) of four letters or more is looked up in `known`, a dict from word to
 * the places in it (a tuple of ints, mostly empty), and given to `read` where not found
 * (which reads and memoises it). One pass, and no list of every word. */
static PyObject *zwnj_places(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "zwnj_places() takes a str, a dict and a callable");
        return NULL;
    }
    PyObject *text = args[0], *known = args[1], *read = args[2];
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    PyObject *places = PyList_New(0);
    if (places == NULL) return NULL;
    Py_ssize_t i = 0;
    while (i < length) {
        int here = kind_of(PyUnicode_READ(kind, data, i));
        if (here != LETTER && here != HAN) {
            i++;
            continue;
        }
        const Py_ssize_t start = i++;
        while (i < length && ((here = kind_of(PyUnicode_READ(kind, data, i))) == LETTER ||
                              here == HAN))
            i++;
        if (i - start < 4) continue; /* a shorter word lacks no ZWNJ (_missing_zwnj) */
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (word == NULL) goto fail;
        PyObject *cuts = PyDict_GetItemWithError(known, word); /* borrowed */
        if (cuts != NULL) {
            Py_INCREF(cuts);
        } else if (!PyErr_Occurred()) {
            cuts = PyObject_CallOneArg(read, word);
        }
        Py_DECREF(word);
        if (cuts == NULL) goto fail;
        int failed = !PyTuple_Check(cuts);
        if (failed) PyErr_SetString(PyExc_TypeError, "a word's places must be a tuple");
        for (Py_ssize_t k = 0; !failed && k < PyTuple_GET_SIZE(cuts); k++) {
            Py_ssize_t cut = PyLong_AsSsize_t(PyTuple_GET_ITEM(cuts, k));
            PyObject *place = cut == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(start + cut);
            failed = place == NULL || PyList_Append(places, place);
            Py_XDECREF(place);
        }
        Py_DECREF(cuts);
        if (failed) goto fail;
    }
    return places;
fail:
    Py_DECREF(places);
    return NULL;
}

/* find(tokens, memo, start, payloads_key, merge) -> found: Matcher.find's walk of the trie
 * (lexicon/matcher.py, where the same walk in Python is the reference), in C. `memo` maps a
 * token to what it opens, (forms, payloads, nodes, following), and `start` makes that for a
 * token not in it; a node is a dict from token to node, holding the payloads of the terms
 * ending there under `payloads_key`; `merge` merges the payloads of several nodes. */
static int add_match(PyObject *found, Py_ssize_t first, Py_ssize_t last, PyObject *payloads) {
    PyObject *match = PyTuple_New(3);
    if (match == NULL) return -1;
    PyObject *first_token = PyLong_FromSsize_t(first), *last_token = PyLong_FromSsize_t(last);
    if (first_token == NULL || last_token == NULL) {
        Py_XDECREF(first_token);
        Py_XDECREF(last_token);
        Py_DECREF(match);
        return -1;
    }
    Py_INCREF(payloads);
    PyTuple_SET_ITEM(match, 0, first_token);
    PyTuple_SET_ITEM(match, 1, last_token);
    PyTuple_SET_ITEM(match, 2, payloads);
    /* the payloads are the lexicon's, never a way back to the match: no cycle to find */
    PyObject_GC_UnTrack(match);
    int failed = PyList_Append(found, match);
    Py_DECREF(match);
    return failed;
}

static PyObject *find(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "find() takes tokens, a memo, two functions and a key");
        return NULL;
    }
    PyObject *tokens = args[0], *memo = args[1], *start = args[2], *key = args[3],
             *merge = args[4];
    const Py_ssize_t count = PyList_GET_SIZE(tokens);
    PyObject *starts = PyList_New(count), *found = PyList_New(0), *nodes = NULL;
    if (starts == NULL || found == NULL) goto fail;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *token = PyList_GET_ITEM(tokens, k);
        PyObject *hit = PyDict_GetItemWithError(memo, token);
        if (hit != NULL) {
            Py_INCREF(hit);
        } else if (PyErr_Occurred() || (hit = PyObject_CallOneArg(start, token)) == NULL) {
            goto fail;
        }
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 4 ||
            !PyTuple_Check(PyTuple_GET_ITEM(hit, 0)) || !PyList_Check(PyTuple_GET_ITEM(hit, 2))) {
            Py_DECREF(hit);
            PyErr_SetString(PyExc_TypeError, "a token opens (forms, payloads, nodes, following)");
            goto fail;
        }
        PyList_SET_ITEM(starts, k, hit);
    }
    for (Py_ssize_t first = 0; first < count; first++) {
        PyObject *hit = PyList_GET_ITEM(starts, first);
        PyObject *ending = PyTuple_GET_ITEM(hit, 1), *following = PyTuple_GET_ITEM(hit, 3);
        int truth = PyObject_IsTrue(ending);
        if (truth < 0 || (truth && add_match(found, first, first, ending))) goto fail;
        Py_ssize_t position = first + 1;
        PyObject *opened = PyTuple_GET_ITEM(hit, 2);
        if (PyList_GET_SIZE(opened) == 0 || position == count) continue;
        /* the common case, told by a set lookup per form: no form of the next token goes on */
        PyObject *next_forms = PyTuple_GET_ITEM(PyList_GET_ITEM(starts, position), 0);
        int goes_on = 0;
        for (Py_ssize_t f = 0; f < PyTuple_GET_SIZE(next_forms) && !goes_on; f++) {
            goes_on = PySet_Contains(following, PyTuple_GET_ITEM(next_forms, f));
            if (goes_on < 0) goto fail;
        }
        if (!goes_on) continue;
        Py_INCREF(opened);
        Py_XSETREF(nodes, opened);
        while (position < count) {
            next_forms = PyTuple_GET_ITEM(PyList_GET_ITEM(starts, position), 0);
            PyObject *next = PyList_New(0);
            if (next == NULL) goto fail;
            for (Py_ssize_t n = 0; n < PyList_GET_SIZE(nodes); n++) {
                PyObject *node = PyList_GET_ITEM(nodes, n);
                for (Py_ssize_t f = 0; f < PyTuple_GET_SIZE(next_forms); f++) {
                    PyObject *child = PyDict_GetItemWithError(node, PyTuple_GET_ITEM(next_forms, f));
                    if ((child == NULL && PyErr_Occurred()) ||
                        (child != NULL && PyList_Append(next, child))) {
                        Py_DECREF(next);
                        goto fail;
                    }
                }
            }
            Py_SETREF(nodes, next);
            if (PyList_GET_SIZE(nodes) == 0) break;
            /* one node is the common case: its payloads need no merging */
            PyObject *end_here;
            if (PyList_GET_SIZE(nodes) == 1) {
                end_here = PyDict_GetItemWithError(PyList_GET_ITEM(nodes, 0), key);
                if (end_here == NULL && PyErr_Occurred()) goto fail;
                Py_XINCREF(end_here);
            } else {
                end_here = PyObject_CallOneArg(merge, nodes);
                if (end_here == NULL) goto fail;
            }
            truth = end_here == NULL ? 0 : PyObject_IsTrue(end_here);
            if (truth > 0 && add_match(found, first, position, end_here)) truth = -1;
            Py_XDECREF(end_here);
            if (truth < 0) goto fail;
            position++;
        }
    }
    Py_XDECREF(nodes);
    Py_DECREF(starts);
    return found;
fail:
    Py_XDECREF(nodes);
    Py_XDECREF(starts);
    Py_XDECREF(found);
    return NULL;
}

/* group(matches, accepted, accept) -> by_concept: for mentions.run, each match of the
 * matcher (first token, last token, payloads) as what its payloads come to in the text's
 * language, (first, last, entry, kind) under each concept. `accepted` memoises that by the
 * payloads' id, as (payloads, ((concept, entry, kind), ...)); `accept` makes and stores the
 * entry of payloads not in it (or whose id was another's) and returns it. */
static PyObject *group(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "group() takes the matches, a dict and a function");
        return NULL;
    }
    PyObject *matches = args[0], *accepted = args[1], *accept = args[2];
    PyObject *by_concept = PyDict_New();
    if (by_concept == NULL) return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(matches); k++) {
        PyObject *match = PyList_GET_ITEM(matches, k);
        if (!PyTuple_Check(match) || PyTuple_GET_SIZE(match) != 3) {
            PyErr_SetString(PyExc_TypeError, "a match is (first, last, payloads)");
            goto fail;
        }
        PyObject *payloads = PyTuple_GET_ITEM(match, 2);
        PyObject *key = PyLong_FromVoidPtr(payloads);
        if (key == NULL) goto fail;
        PyObject *hit = PyDict_GetItemWithError(accepted, key);
        Py_DECREF(key);
        if (hit != NULL && PyTuple_Check(hit) && PyTuple_GET_SIZE(hit) == 2 &&
            PyTuple_GET_ITEM(hit, 0) == payloads) {
            Py_INCREF(hit);
        } else if (PyErr_Occurred() || (hit = PyObject_CallOneArg(accept, payloads)) == NULL) {
            goto fail;
        }
        PyObject *founds = PyTuple_Check(hit) && PyTuple_GET_SIZE(hit) == 2
                               ? PyTuple_GET_ITEM(hit, 1) : NULL;
        if (founds == NULL || !PyTuple_Check(founds)) {
            Py_DECREF(hit);
            PyErr_SetString(PyExc_TypeError, "accepted payloads are (payloads, founds)");
            goto fail;
        }
        for (Py_ssize_t f = 0; f < PyTuple_GET_SIZE(founds); f++) {
            PyObject *one = PyTuple_GET_ITEM(founds, f); /* (concept, entry, kind) */
            PyObject *item = NULL;
            if (PyTuple_Check(one) && PyTuple_GET_SIZE(one) == 3) {
                item = PyTuple_Pack(4, PyTuple_GET_ITEM(match, 0), PyTuple_GET_ITEM(match, 1),
                                    PyTuple_GET_ITEM(one, 1), PyTuple_GET_ITEM(one, 2));
                if (item != NULL) PyObject_GC_UnTrack(item); /* ints and strings */
            } else {
                PyErr_SetString(PyExc_TypeError, "a found is (concept, entry, kind)");
            }
            int failed = item == NULL || append_under(by_concept, PyTuple_GET_ITEM(one, 0), item);
            Py_XDECREF(item);
            if (failed) {
                Py_DECREF(hit);
                goto fail;
            }
        }
        Py_DECREF(hit);
    }
    return by_concept;
fail:
    Py_DECREF(by_concept);
    return NULL;
}

/* token_sentences(tokens, words, sentences) -> (of_token, words_of): for pipeline.prepare,
 * the sentence of each token (the first sentence that ends after the token starts; the last
 * takes the rest) and how many of each sentence's tokens are words (not numbers: their
 * first character is no digit). Tokens and sentences are in order: one pass over both. */
static PyObject *token_sentences(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2]) ||
        PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1])) {
        PyErr_SetString(PyExc_TypeError, "token_sentences() takes tokens, words, sentences");
        return NULL;
    }
    PyObject *tokens = args[0], *words = args[1], *sentences = args[2];
    const Py_ssize_t count = PyList_GET_SIZE(tokens), last = PyList_GET_SIZE(sentences) - 1;
    PyObject *of_token = PyList_New(0), *words_of = PyList_New(0);
    if (of_token == NULL || words_of == NULL) goto fail;
    Py_ssize_t token = 0;
    for (Py_ssize_t index = 0; index <= last; index++) {
        Py_ssize_t end = count;
        if (index < last) {
            PyObject *end_object = span_field(PyList_GET_ITEM(sentences, index), 1);
            if (end_object == NULL) goto fail;
            end = PyLong_AsSsize_t(end_object);
            Py_DECREF(end_object);
            if (end == -1 && PyErr_Occurred()) goto fail;
        }
        PyObject *sentence = PyLong_FromSsize_t(index);
        if (sentence == NULL) goto fail;
        Py_ssize_t counted = 0;
        for (; token < count; token++) {
            if (index < last) {
                PyObject *start_object = span_field(PyList_GET_ITEM(tokens, token), 0);
                if (start_object == NULL) goto fail_sentence;
                Py_ssize_t start = PyLong_AsSsize_t(start_object);
                Py_DECREF(start_object);
                if (start == -1 && PyErr_Occurred()) goto fail_sentence;
                if (start >= end) break;
            }
            PyObject *word = PyList_GET_ITEM(words, token);
            if (!PyUnicode_Check(word) || PyUnicode_GET_LENGTH(word) == 0) {
                PyErr_SetString(PyExc_TypeError, "a token's word is a non-empty str");
                goto fail_sentence;
            }
            counted += !Py_UNICODE_ISDIGIT(PyUnicode_READ_CHAR(word, 0));
            if (PyList_Append(of_token, sentence)) goto fail_sentence;
        }
        Py_DECREF(sentence);
        PyObject *number = PyLong_FromSsize_t(counted);
        if (number == NULL || PyList_Append(words_of, number)) {
            Py_XDECREF(number);
            goto fail;
        }
        Py_DECREF(number);
        continue;
    fail_sentence:
        Py_DECREF(sentence);
        goto fail;
    }
    return Py_BuildValue("(NN)", of_token, words_of);
fail:
    Py_XDECREF(of_token);
    Py_XDECREF(words_of);
    return NULL;
}

/* Folding (normalise._fold) in one pass: what each character folds to, learnt by block of
 * 256 code points from normalise._FoldCache (Python's unicodedata decides; C only applies
 * it). A block's table holds the folded string of each character that changes, NULL for
 * those that stay; a block never learnt has no table and is not known. */
#define BLOCKS (0x110000 >> 8)
static PyObject **fold_tables[BLOCKS];
static char fold_known[BLOCKS];

/* fold_learn(block, folds): the folded string of each of the block's 256 characters. */
static PyObject *fold_learn(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t block = nargs == 2 ? PyLong_AsSsize_t(args[0]) : -1;
    if (block < 0 || block >= BLOCKS || !PyTuple_Check(args[1]) || PyTuple_GET_SIZE(args[1]) != 256) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "fold_learn() takes a block and its 256 folds");
        return NULL;
    }
    if (fold_known[block]) Py_RETURN_NONE; /* a block folds the same way every time */
    PyObject **table = NULL;
    for (int k = 0; k < 256; k++) {
        PyObject *folded = PyTuple_GET_ITEM(args[1], k);
        if (!PyUnicode_Check(folded)) {
            PyErr_SetString(PyExc_TypeError, "a fold is a str");
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(folded) == 1 && PyUnicode_READ_CHAR(folded, 0) == (Py_UCS4)((block << 8) + k))
            continue;
        if (table == NULL && (table = PyMem_Calloc(256, sizeof(PyObject *))) == NULL)
            return PyErr_NoMemory();
        Py_INCREF(folded);
        table[k] = folded;
    }
    fold_tables[block] = table;
    fold_known[block] = 1;
    Py_RETURN_NONE;
}

/* fold(text) -> (folded, offsets), or None when a character's block was never learnt:
 * offsets[i] is the index in `text` of the character folded character i came from. */
static PyObject *fold(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "fold() takes a str");
        return NULL;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t out_length = 0;
    int changed = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (!fold_known[ch >> 8]) Py_RETURN_NONE;
        PyObject **table = fold_tables[ch >> 8];
        PyObject *folded = table == NULL ? NULL : table[ch & 255];
        if (folded == NULL) {
            out_length++;
        } else {
            out_length += PyUnicode_GET_LENGTH(folded);
            changed = 1;
        }
    }
    PyObject *out = NULL, *offsets = PyList_New(out_length);
    Py_UCS4 *buffer = NULL;
    if (offsets == NULL) return NULL;
    if (changed && (buffer = PyMem_Malloc(sizeof(Py_UCS4) * (out_length + 1))) == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        PyObject **table = fold_tables[ch >> 8];
        PyObject *folded = table == NULL ? NULL : table[ch & 255];
        const Py_ssize_t size = folded == NULL ? 1 : PyUnicode_GET_LENGTH(folded);
        if (size == 0) continue;
        PyObject *index = PyLong_FromSsize_t(i);
        if (index == NULL) goto fail;
        for (Py_ssize_t k = 0; k < size; k++) {
            if (buffer != NULL) buffer[at] = folded == NULL ? ch : PyUnicode_READ_CHAR(folded, k);
            Py_INCREF(index);
            PyList_SET_ITEM(offsets, at, index);
            at++;
        }
        Py_DECREF(index);
    }
    if (buffer == NULL) {
        Py_INCREF(text);
        out = text;
    } else {
        out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, out_length);
        PyMem_Free(buffer);
        buffer = NULL;
        if (out == NULL) goto fail;
    }
    return Py_BuildValue("(NN)", out, offsets);
fail:
    PyMem_Free(buffer);
    Py_DECREF(offsets);
    return NULL;
}

static PyMethodDef methods[] = {
    {"tokens", tokens, METH_O,
     "tokens(text) -> (spans, words): the tokens of a normalised text, as tokens.TOKEN "
     "finds them: the Span of each and its text."},
    {"zwnj_places", (PyCFunction)(void (*)(void))zwnj_places, METH_FASTCALL,
     "zwnj_places(text, known, read) -> places: where ZWNJs were lost, for restore_zwnj."},
    {"find", (PyCFunction)(void (*)(void))find, METH_FASTCALL,
     "find(tokens, memo, start, payloads_key, merge) -> found: Matcher.find's walk."},
    {"group", (PyCFunction)(void (*)(void))group, METH_FASTCALL,
     "group(matches, accepted, accept) -> by_concept: the founds of mentions.run."},
    {"longest", (PyCFunction)(void (*)(void))longest, METH_FASTCALL,
     "longest(found, count): mentions._longest, the longest spans of a concept first."},
    {"index", (PyCFunction)(void (*)(void))index_mentions, METH_FASTCALL,
     "index(mentions, by_concept, by_sentence): each mention under its concept, sentence."},
    {"token_tags", (PyCFunction)(void (*)(void))token_tags, METH_FASTCALL,
     "token_tags(mentions, count, sets, untagged, cue, body) -> tags: actors._token_tags."},
    {"mentions", (PyCFunction)(void (*)(void))mentions, METH_FASTCALL,
     "mentions(concept, found, tokens, token_sentence, out): the Mentions of mentions.run."},
    {"token_sentences", (PyCFunction)(void (*)(void))token_sentences, METH_FASTCALL,
     "token_sentences(tokens, words, sentences) -> (of_token, words_of): for prepare."},
    {"fold", fold, METH_O, "fold(text) -> (folded, offsets), or None: normalise._fold."},
    {"fold_learn", (PyCFunction)(void (*)(void))fold_learn, METH_FASTCALL,
     "fold_learn(block, folds): what the 256 characters of a block fold to."},
    {"set_classes", (PyCFunction)(void (*)(void))set_classes, METH_FASTCALL,
     "set_classes(Span, Mention): the classes the functions above make."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_scan", "The passes over a text every article goes through, in C.",
    -1, methods,
};

PyMODINIT_FUNC PyInit__scan(void) {
    for (Py_UCS4 ch = 0; ch < 256; ch++) {
        latin1[ch] = Py_UNICODE_ISDECIMAL(ch) ? DIGIT
                     : (Py_UNICODE_ISALNUM(ch) && ch != '_') ? LETTER
                                                              : OTHER;
    }
    return PyModule_Create(&module);
}
