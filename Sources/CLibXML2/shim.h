// Debian's libxml2-dev: the HTML parser (tolerant of tag soup) and the XML parser for feeds.
//
// Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes the system's <unicode/ucnv.h>,
// whose UErrorCode clashes with Foundation's own ICU (_FoundationICU) in any module that imports both.
// Marsad never touches the ICU fields of xmlCharEncodingHandler (only pointers to it), so the ICU
// part of the headers is switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
