/* The tokeniser of accords.text.tokens in one pass in C: the tokens of a normalised text,
 * their text and where each starts, exactly as tokens.TOKEN finds them (a property test
 * holds the two equal). tokens.py falls back to the regex when this module is not built.
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

/* How a Span is made. In the pure build Span is a class with __slots__ start and end, and
 * making one from C is an allocation and two stores (calling the class runs its __init__
 * as Python code: three quarters of the tokeniser's time); in the compiled build (mypyc) it
 * is a native class whose constructor is C already, and it is called. */
static PyTypeObject *span_type = NULL;
static Py_ssize_t start_offset = -1, end_offset = -1;

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

static PyObject *set_span(PyObject *module, PyObject *type) {
    if (!PyType_Check(type)) {
        PyErr_SetString(PyExc_TypeError, "set_span() takes the Span class");
        return NULL;
    }
    Py_ssize_t start = slot_offset((PyTypeObject *)type, "start");
    Py_ssize_t end = slot_offset((PyTypeObject *)type, "end");
    if (start == -2 || end == -2) return NULL;
    Py_INCREF(type);
    Py_XSETREF(span_type, (PyTypeObject *)type);
    /* slots written directly only in a class with no __init__ of its own beyond storing
     * them, which the Span of model.py is; any other layout is called */
    start_offset = start >= 0 && end >= 0 ? start : -1;
    end_offset = start >= 0 && end >= 0 ? end : -1;
    Py_RETURN_NONE;
}

static PyObject *make_span(Py_ssize_t start, Py_ssize_t end) {
    PyObject *first = PyLong_FromSsize_t(start);
    PyObject *last = PyLong_FromSsize_t(end);
    PyObject *span = NULL;
    if (first == NULL || last == NULL) goto done;
    if (start_offset >= 0) {
        span = span_type->tp_alloc(span_type, 0);
        if (span == NULL) goto done;
        *(PyObject **)((char *)span + start_offset) = first;
        *(PyObject **)((char *)span + end_offset) = last;
        /* it holds two ints, so it is never part of a cycle: the collector need not walk
         * it (as CPython does with tuples of atoms) */
        if (PyObject_GC_IsTracked(span)) PyObject_GC_UnTrack(span);
        return span;
    }
    PyObject *args[2] = {first, last};
    span = PyObject_Vectorcall((PyObject *)span_type, args, 2, NULL);
done:
    Py_XDECREF(first);
    Py_XDECREF(last);
    return span;
}

/* tokens(text) -> (spans, words): the Span of each token and its text */
static PyObject *tokens(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "tokens() takes a str");
        return NULL;
    }
    if (span_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_span() was not called");
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

static PyMethodDef methods[] = {
    {"tokens", tokens, METH_O,
     "tokens(text) -> (spans, words): the tokens of a normalised text, as tokens.TOKEN "
     "finds them: the Span of each and its text."},
    {"zwnj_places", (PyCFunction)(void (*)(void))zwnj_places, METH_FASTCALL,
     "zwnj_places(text, known, read) -> places: where ZWNJs were lost, for restore_zwnj."},
    {"set_span", set_span, METH_O, "set_span(Span): the class tokens() makes spans of."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_scan", "The tokeniser of accords.text.tokens in C.", -1, methods,
};

PyMODINIT_FUNC PyInit__scan(void) {
    for (Py_UCS4 ch = 0; ch < 256; ch++) {
        latin1[ch] = Py_UNICODE_ISDECIMAL(ch) ? DIGIT
                     : (Py_UNICODE_ISALNUM(ch) && ch != '_') ? LETTER
                                                              : OTHER;
    }
    return PyModule_Create(&module);
}
