import ArgumentParser
import MarsadCLI

Marsad.main()
