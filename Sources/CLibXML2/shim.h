// Debian's libxml2-dev: the HTML parser (tolerant of tag soup) and the XML parser for feeds.
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
